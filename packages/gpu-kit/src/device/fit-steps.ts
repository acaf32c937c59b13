import { readJson } from "./stage-files";
import type { StepTiming } from "./step-time";

/**
 * How many training steps fit in `seconds` at the measured median step time, at most `max` and at least `min`:
 * a run stopped by its time limit publishes nothing, so the kit shortens it instead. Without a measurement, `max`.
 */
export function stepsThatFit(medianMs: number | null, seconds: number, max: number, min = 1): number {
  if (medianMs === null || !(medianMs > 0)) return max;
  return Math.max(min, Math.min(max, Math.floor((seconds * 1000) / medianMs)));
}

export function stepsThatFitTiming(timingFile: string, seconds: number, max: number): number {
  const timing = readJson<StepTiming>(timingFile);
  return stepsThatFit(timing.ok ? timing.medianMs : null, seconds, max);
}
