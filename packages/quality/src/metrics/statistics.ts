/**
 * First and second moments of a feature matrix, in float64 plain JS: features are small (tens to a few
 * hundred dimensions), and float32 accumulation over thousands of samples loses the digits that the
 * Fréchet distance later subtracts from each other.
 */
export interface FeatureStatistics {
  /** Feature dimensions D. */
  readonly dims: number;
  /** Number of samples the statistics were computed from. */
  readonly count: number;
  /** Mean vector, length D. */
  readonly mean: Float64Array;
  /** Unbiased covariance, D x D row-major (symmetric). */
  readonly covariance: Float64Array;
}

/** Mean and unbiased covariance of an [N, D] row-major feature matrix. */
export function featureStatistics(features: ArrayLike<number>, dims: number): FeatureStatistics {
  if (!Number.isInteger(dims) || dims < 1) {
    throw new RangeError(`featureStatistics: dims must be a positive integer, got ${dims}`);
  }
  if (features.length % dims !== 0) {
    throw new RangeError(
      `featureStatistics: ${features.length} values do not form rows of ${dims} features; pass an [N, ${dims}] matrix`,
    );
  }
  const count = features.length / dims;
  if (count < 2) {
    throw new RangeError(`featureStatistics: a covariance needs at least 2 samples, got ${count}`);
  }
  const mean = meanOfRows(features, dims, count);
  return { dims, count, mean, covariance: centredCovariance(features, mean, dims, count) };
}

function meanOfRows(features: ArrayLike<number>, dims: number, count: number): Float64Array {
  const mean = new Float64Array(dims);
  for (let row = 0; row < count; row++) {
    const offset = row * dims;
    for (let j = 0; j < dims; j++) mean[j]! += features[offset + j]!;
  }
  for (let j = 0; j < dims; j++) mean[j]! /= count;
  return mean;
}

// Two-pass (centre first, then accumulate) rather than E[xx^T] - mu mu^T, which cancels catastrophically
// when the mean is large next to the spread.
function centredCovariance(features: ArrayLike<number>, mean: Float64Array, dims: number, count: number): Float64Array {
  const covariance = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let row = 0; row < count; row++) {
    const offset = row * dims;
    for (let j = 0; j < dims; j++) centred[j] = features[offset + j]! - mean[j]!;
    for (let i = 0; i < dims; i++) {
      const ci = centred[i]!;
      const rowStart = i * dims;
      for (let j = i; j < dims; j++) covariance[rowStart + j]! += ci * centred[j]!;
    }
  }
  const scale = 1 / (count - 1);
  for (let i = 0; i < dims; i++) {
    for (let j = i; j < dims; j++) {
      const value = covariance[i * dims + j]! * scale;
      covariance[i * dims + j] = value;
      covariance[j * dims + i] = value;
    }
  }
  return covariance;
}
