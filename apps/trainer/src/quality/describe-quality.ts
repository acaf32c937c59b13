import type { Quality } from "@ganvas/registry";
import type { EvaluatorChoice } from "./score-generator";

/**
 * "classifier-space Fréchet distance 23.41 on 1,005 samples (lower is better; real training images score
 * 7.22, this is 3.2x that); rarest class 8 at 6.2% of samples, 10 of 10 seen".
 */
export function describeQuality(quality: Quality, classNames?: readonly string[]): string {
  const floor =
    quality.realDataFloor === undefined
      ? ""
      : `; real training images score ${quality.realDataFloor.toFixed(2)}, this is ${(quality.value / quality.realDataFloor).toFixed(1)}x that`;
  return (
    `classifier-space Fréchet distance ${quality.value.toFixed(2)} on ${quality.samples.toLocaleString("en-US")} samples ` +
    `(lower is better${floor}); ${describeCoverage(quality.classHistogram, classNames)}`
  );
}

function describeCoverage(histogram: readonly number[], classNames?: readonly string[]): string {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0 || histogram.length === 0) return "no classes seen";
  const rarest = histogram.indexOf(Math.min(...histogram));
  const seen = histogram.filter((count) => count > 0).length;
  const share = ((histogram[rarest]! / total) * 100).toFixed(1);
  return `rarest class ${classNames?.[rarest] ?? rarest} at ${share}% of samples, ${seen} of ${histogram.length} seen`;
}

/** Said once per registry, when a shipped evaluator is copied into it. */
export function describeInstalledEvaluator(evaluator: EvaluatorChoice): string {
  return `quality: added the evaluator that ships with Ganvas to the registry as ${evaluator.record.name}@${evaluator.record.version}`;
}
