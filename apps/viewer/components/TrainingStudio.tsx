"use client";

import { useState } from "react";
import { GeneratorActions } from "@/components/GeneratorActions";
import { ImageCanvas } from "@/components/ImageCanvas";
import { StepChart, type ChartSeries } from "@/components/StepChart";
import { TrainingStats } from "@/components/TrainingStats";
import { downsample } from "@/lib/downsample";
import { TRAINABLE_PRESETS, type StartRequest, type StepPoint, type TrainablePreset } from "@/lib/training/protocol";
import type { BackendName } from "@/lib/training/training-backend";
import { useTraining } from "@/lib/training/use-training";

const LOSS_SERIES: ChartSeries<StepPoint>[] = [
  { key: "dLoss", name: "Discriminator (D)", color: "var(--accent)" },
  { key: "gLoss", name: "Generator (G)", color: "var(--accent-2)" },
];

const OUTPUT_SERIES: ChartSeries<StepPoint>[] = [
  { key: "dReal", name: "D(x), real digits", color: "var(--accent)" },
  { key: "dFake", name: "D(G(z)), generated", color: "var(--accent-2)" },
];

const PRESET_LABELS: Record<TrainablePreset, string> = {
  tiny: "tiny: 16x16, trains in seconds, learns little (demos)",
  fast: "fast: 32x32, recognisable digits after a few epochs",
};

type TrainingStudioProps = { forcedBackend: BackendName | null; publishDisabledHint: string | null };

function wholeNumber(text: string, fallback: number | null): number | null {
  const value = Number(text);
  return text.trim() !== "" && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/** The /train page: pick a preset and seed, watch the worker train, pause, stop, download or publish. */
export function TrainingStudio({ forcedBackend, publishDisabledHint }: TrainingStudioProps) {
  const [view, controls] = useTraining();
  const [preset, setPreset] = useState<TrainablePreset>("fast");
  const [seed, setSeed] = useState("1");
  const [gridEvery, setGridEvery] = useState("10");
  const [maxSteps, setMaxSteps] = useState("");
  const active = view.status === "starting" || view.status === "running" || view.status === "paused";

  const start = () => {
    const request: StartRequest = {
      preset,
      seed: wholeNumber(seed, 0) ?? 0,
      gridEvery: wholeNumber(gridEvery, 10) ?? 10,
      maxSteps: wholeNumber(maxSteps, null),
      forcedBackend,
    };
    controls.start(request);
  };

  const step = view.points.at(-1)?.step ?? 0;
  const chartPoints = downsample(view.points);
  const shown = `${chartPoints.length} of ${view.points.length} steps shown`;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Train a DCGAN in this browser</h1>
          <p className="muted">
            On the 8,995 embedded MNIST training digits, with the trainer&apos;s own code (@ganvas/core) in a Web
            Worker: this page only draws.
          </p>
        </div>
      </header>
      <form
        className="controls"
        onSubmit={(event) => {
          event.preventDefault();
          start();
        }}
      >
        <label htmlFor="train-preset">Preset</label>
        <select
          id="train-preset"
          value={preset}
          disabled={active}
          onChange={(event) => setPreset(event.target.value as TrainablePreset)}
        >
          {TRAINABLE_PRESETS.map((name) => (
            <option key={name} value={name}>
              {PRESET_LABELS[name]}
            </option>
          ))}
        </select>
        <label htmlFor="train-seed">Seed</label>
        <input
          id="train-seed"
          type="number"
          min={0}
          step={1}
          value={seed}
          disabled={active}
          onChange={(e) => setSeed(e.target.value)}
        />
        <label htmlFor="train-grid-every">Grid every</label>
        <input
          id="train-grid-every"
          type="number"
          min={1}
          step={1}
          value={gridEvery}
          disabled={active}
          onChange={(event) => setGridEvery(event.target.value)}
        />
        <label htmlFor="train-max-steps">Stop after (steps)</label>
        <input
          id="train-max-steps"
          type="number"
          min={1}
          step={1}
          placeholder="all epochs"
          value={maxSteps}
          disabled={active}
          onChange={(event) => setMaxSteps(event.target.value)}
        />
        <button type="submit" disabled={active}>
          {view.status === "idle" ? "Start training" : "Train again"}
        </button>
        <button type="button" onClick={view.status === "paused" ? controls.resume : controls.pause} disabled={!active}>
          {view.status === "paused" ? "Resume" : "Pause"}
        </button>
        <button type="button" onClick={controls.stop} disabled={!active}>
          Stop
        </button>
      </form>
      <p className="backend-status" data-testid="training-status" data-status={view.status}>
        Status: {view.status}
        {view.backend && (
          <>
            {" "}
            · backend <strong data-testid="training-backend">{view.backend.backend}</strong> ({view.backend.detail}),
            chosen because {view.backend.reason}.
          </>
        )}
      </p>
      {view.error && (
        <p role="alert" className="alert">
          {view.error}
        </p>
      )}
      <div className="workbench">
        <section className="panel" aria-labelledby="training-grid">
          <h2 id="training-grid">Fixed-noise samples</h2>
          <figure>
            <ImageCanvas
              image={view.grid?.image ?? null}
              label={`64 samples of the generator at step ${view.grid?.step ?? 0}`}
              className="sample-canvas"
              data-testid="training-grid"
              data-step={view.grid?.step ?? -1}
            />
            <figcaption className="muted">
              The same 64 latents after step {view.grid?.step ?? 0}, redrawn every {gridEvery} steps.
            </figcaption>
          </figure>
        </section>
        <section className="panel" aria-labelledby="training-progress">
          <h2 id="training-progress">Progress</h2>
          <TrainingStats view={view} />
        </section>
      </div>
      <StepChart
        points={chartPoints}
        series={LOSS_SERIES}
        yLabel="loss"
        caption={`Losses of D and G per training step (${shown}).`}
        testId="training-loss-chart"
      />
      <StepChart
        points={chartPoints}
        series={OUTPUT_SERIES}
        yLabel="mean output"
        yDomain={[0, 1]}
        caption={`The discriminator's mean output on real and generated digits (${shown}).`}
        testId="training-output-chart"
      />
      {step > 0 && (
        <GeneratorActions
          exportGenerator={controls.exportGenerator}
          defaultName={`browser-${preset}`}
          publishDisabledHint={publishDisabledHint}
        />
      )}
    </>
  );
}
