import type { Quality } from "@ganvas/registry";

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** "drew the requested class for 95.1% of 1,000 samples; per class: 0 99.0%, 1 98.0%, ..." */
export function describeClassAccuracy(
  accuracy: NonNullable<Quality["classAccuracy"]>,
  classNames: readonly string[] | undefined,
): string {
  const perClass = accuracy.perClass.map((value, label) => `${classNames?.[label] ?? label} ${percent(value)}`);
  return (
    `drew the requested class for ${percent(accuracy.overall)} of ${accuracy.samples.toLocaleString("en-US")} samples ` +
    `(the evaluator's reading); per class: ${perClass.join(", ")}`
  );
}
