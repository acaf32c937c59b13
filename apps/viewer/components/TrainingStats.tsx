import { formatSeconds } from "@/lib/format";
import type { TrainingView } from "@/lib/training/use-training";

/** Where the run stands: steps, speed, time spent and time left (paused time not counted). */
export function TrainingStats({ view }: { view: TrainingView }) {
  const step = view.points.at(-1)?.step ?? 0;
  const rate = view.stepsPerSecond;
  const remaining = view.totalSteps === null ? null : view.totalSteps - step;
  const eta = rate !== null && remaining !== null ? formatSeconds(remaining / rate) : "—";
  return (
    <dl className="facts" data-testid="training-stats">
      <dt>Step</dt>
      <dd data-testid="training-step" data-step={step}>
        {step} of {view.totalSteps ?? "—"}
      </dd>
      <dt>Steps/s</dt>
      <dd>{rate === null ? "—" : rate.toFixed(2)}</dd>
      <dt>Images/s</dt>
      <dd>{rate === null || view.batchSize === null ? "—" : (rate * view.batchSize).toFixed(0)}</dd>
      <dt>Elapsed</dt>
      <dd>{formatSeconds(view.trainingSeconds)}</dd>
      <dt>ETA</dt>
      <dd>{remaining === 0 ? "done" : eta}</dd>
    </dl>
  );
}
