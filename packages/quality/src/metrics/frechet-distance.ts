import { featureStatistics, type FeatureStatistics } from "./statistics";
import { symmetricEigen } from "./symmetric-eigen";

/**
 * Fréchet distance between the Gaussians N(mu1, sigma1) and N(mu2, sigma2):
 *   |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr( sqrt( sqrt(S1) S2 sqrt(S1) ) ).
 * Means have length D; covariances are D x D row-major, symmetric positive semi-definite.
 */
export function frechetDistance(
  mu1: ArrayLike<number>,
  sigma1: ArrayLike<number>,
  mu2: ArrayLike<number>,
  sigma2: ArrayLike<number>,
): number {
  const d = mu1.length;
  if (d < 1 || mu2.length !== d) {
    throw new RangeError(
      `frechetDistance: means must have the same, non-zero length (got ${mu1.length} and ${mu2.length})`,
    );
  }
  if (sigma1.length !== d * d || sigma2.length !== d * d) {
    throw new RangeError(
      `frechetDistance: covariances must be ${d}x${d} row-major (${d * d} values), got ${sigma1.length} and ${sigma2.length}`,
    );
  }
  let meanTerm = 0;
  for (let i = 0; i < d; i++) meanTerm += (mu1[i]! - mu2[i]!) ** 2;
  const distance = meanTerm + trace(sigma1, d) + trace(sigma2, d) - 2 * traceSqrtOfProduct(sigma1, sigma2, d);
  // Rounding can leave identical distributions a hair below zero; a distance is never negative.
  return Math.max(0, distance);
}

/** The Fréchet distance between two sets of feature statistics (e.g. cached real-data statistics). */
export function frechetFromStatistics(a: FeatureStatistics, b: FeatureStatistics): number {
  if (a.dims !== b.dims) {
    throw new RangeError(
      `frechetFromStatistics: feature dimensions differ (${a.dims} vs ${b.dims}); use one feature model`,
    );
  }
  return frechetDistance(a.mean, a.covariance, b.mean, b.covariance);
}

/** The Fréchet distance between two [N, dims] row-major feature matrices (N may differ). */
export function featureFrechetDistance(
  featuresA: ArrayLike<number>,
  featuresB: ArrayLike<number>,
  dims: number,
): number {
  return frechetFromStatistics(featureStatistics(featuresA, dims), featureStatistics(featuresB, dims));
}

/**
 * tr sqrt(sqrt(S1) S2 sqrt(S1)) by the symmetric route. With S1 = V diag(w) V^T,
 * sqrt(S1) S2 sqrt(S1) = V C V^T where C = diag(sqrt w) (V^T S2 V) diag(sqrt w): C has the same
 * eigenvalues, is symmetric by construction, and costs two products instead of four.
 */
function traceSqrtOfProduct(sigma1: ArrayLike<number>, sigma2: ArrayLike<number>, d: number): number {
  const { values, vectors } = symmetricEigen(sigma1, d);
  // A covariance is PSD; tiny negative eigenvalues are rounding, not information.
  const rootW = values.map((w) => Math.sqrt(Math.max(w, 0)));
  const rotated = multiply(transposed(vectors, d), multiply(sigma2, vectors, d), d);
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) c[i * d + j] = rootW[i]! * rotated[i * d + j]! * rootW[j]!;
  }
  let sum = 0;
  for (const lambda of symmetricEigen(c, d).values) sum += Math.sqrt(Math.max(lambda, 0));
  return sum;
}

function trace(m: ArrayLike<number>, d: number): number {
  let sum = 0;
  for (let i = 0; i < d; i++) sum += m[i * d + i]!;
  return sum;
}

function transposed(m: ArrayLike<number>, d: number): Float64Array {
  const t = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) t[j * d + i] = m[i * d + j]!;
  }
  return t;
}

function multiply(a: ArrayLike<number>, b: ArrayLike<number>, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < d; j++) out[i * d + j]! += aik * b[k * d + j]!;
    }
  }
  return out;
}
