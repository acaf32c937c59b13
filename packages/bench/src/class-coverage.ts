/** A class counts as covered when it gets at least this share of the samples (issue 14's bar: 5%). */
export const COVERED_SHARE = 0.05;

/** Smallest share of the samples any class got, as the evaluator reads them. */
export function rarestClassShare(histogram: readonly number[]): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  return total === 0 ? 0 : Math.min(...histogram) / total;
}

/** How many classes got at least COVERED_SHARE of the samples. */
export function coveredClasses(histogram: readonly number[]): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  return histogram.filter((count) => total > 0 && count / total >= COVERED_SHARE).length;
}
