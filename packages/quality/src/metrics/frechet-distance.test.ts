import { describe, expect, it } from "vitest";
import { createRng } from "@ganvas/core";
import { featureFrechetDistance, frechetDistance, frechetFromStatistics } from "./frechet-distance";
import { featureStatistics } from "./statistics";

/** N samples of N(mean, diag(variances)), row-major [N, D]. */
function gaussianSamples(seed: number, count: number, mean: number[], variances: number[]): Float32Array {
  const rng = createRng(seed);
  const dims = mean.length;
  const out = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < dims; j++) out[i * dims + j] = mean[j]! + Math.sqrt(variances[j]!) * rng.normal();
  }
  return out;
}

function diagonal(values: number[]): Float64Array {
  const n = values.length;
  const m = new Float64Array(n * n);
  values.forEach((v, i) => (m[i * n + i] = v));
  return m;
}

/** sqrt of a 2x2 PSD matrix in closed form: (A + sqrt(det A) I) / sqrt(tr A + 2 sqrt(det A)). */
function sqrt2x2([a, b, c, d]: number[]): number[] {
  const s = Math.sqrt(a! * d! - b! * c!);
  const t = Math.sqrt(a! + d! + 2 * s);
  return [(a! + s) / t, b! / t, c! / t, (d! + s) / t];
}

function multiply2x2([a, b, c, d]: number[], [e, f, g, h]: number[]): number[] {
  return [a! * e! + b! * g!, a! * f! + b! * h!, c! * e! + d! * g!, c! * f! + d! * h!];
}

describe("frechetDistance", () => {
  it("is 0 for identical statistics", () => {
    const stats = featureStatistics(gaussianSamples(1, 500, [0, 1, 2, 3], [1, 2, 0.5, 4]), 4);
    expect(frechetFromStatistics(stats, stats)).toBeLessThan(1e-9);
  });

  it("is the closed form for diagonal covariances: |dmu|^2 + sum (sqrt a - sqrt b)^2", () => {
    const a = [1, 4, 0.25];
    const b = [9, 1, 0.25];
    const expected = (1 - 0) ** 2 + (2 - 0) ** 2 + (0 - 3) ** 2 + 2 ** 2 + 1 ** 2 + 0;
    expect(frechetDistance([1, 2, 0], diagonal(a), [0, 0, 3], diagonal(b))).toBeCloseTo(expected, 10);
  });

  it("is the closed form for commuting, non-diagonal covariances (a shared rotation)", () => {
    const angle = 0.7;
    const [c, s] = [Math.cos(angle), Math.sin(angle)];
    const rotated = ([x, y]: number[]): number[] => [
      c * c * x! + s * s * y!,
      c * s * (x! - y!),
      c * s * (x! - y!),
      s * s * x! + c * c * y!,
    ];
    const expected = 0.5 ** 2 + (Math.sqrt(4) - Math.sqrt(1)) ** 2 + (Math.sqrt(0.5) - Math.sqrt(2)) ** 2;
    expect(frechetDistance([0.5, 0], rotated([4, 0.5]), [0, 0], rotated([1, 2]))).toBeCloseTo(expected, 10);
  });

  it("matches the 2x2 closed-form matrix square root for non-commuting covariances", () => {
    const sigma1 = [2, 0.8, 0.8, 1];
    const sigma2 = [1, -0.6, -0.6, 3];
    const root1 = sqrt2x2(sigma1);
    const inner = sqrt2x2(multiply2x2(multiply2x2(root1, sigma2), root1));
    const expected = 1 ** 2 + 2 ** 2 + 3 + 4 - 2 * (inner[0]! + inner[3]!);
    const actual = frechetDistance([1, 0], sigma1, [0, 2], sigma2);
    expect(actual).toBeCloseTo(expected, 10);
    // the covariances do not commute, so the diagonal shortcut would give another number
    expect(Math.abs(actual - (5 + (Math.sqrt(2) - 1) ** 2 + (1 - Math.sqrt(3)) ** 2))).toBeGreaterThan(0.01);
  });

  it("handles a singular (rank-deficient) covariance without NaN", () => {
    const singular = [1, 1, 1, 1]; // rank 1: eigenvalues 0 and 2
    const value = frechetDistance([0, 0], singular, [0, 0], singular);
    expect(value).toBeLessThan(1e-9);
    expect(Number.isFinite(frechetDistance([0, 0], singular, [0, 0], diagonal([1, 1])))).toBe(true);
  });

  it("scores two samples of one Gaussian near 0, far below a shifted Gaussian", () => {
    const mean = [0, 1, -1, 2, 0, 0, 3, -2];
    const variances = [1, 2, 0.5, 1, 3, 1, 0.2, 1];
    const a = gaussianSamples(21, 5000, mean, variances);
    const b = gaussianSamples(22, 5000, mean, variances);
    const same = featureFrechetDistance(a, b, 8);
    const totalVariance = variances.reduce((x, y) => x + y);
    expect(same).toBeLessThan(0.005 * totalVariance); // sampling bias only (about 0.01 here)
    const shifted = gaussianSamples(
      23,
      5000,
      mean.map((m) => m + 1),
      variances,
    );
    expect(featureFrechetDistance(a, shifted, 8)).toBeCloseTo(8, 0); // |dmu|^2 = 8
  });

  it("refuses mismatched shapes with a message that names them", () => {
    expect(() => frechetDistance([0, 0], [1, 0, 0, 1], [0], [1])).toThrow(/same, non-zero length/);
    expect(() => frechetDistance([0, 0], [1, 0, 0], [0, 0], [1, 0, 0, 1])).toThrow(/2x2 row-major/);
    const a = featureStatistics([1, 2, 3, 4], 2);
    const b = featureStatistics([1, 2, 3], 1);
    expect(() => frechetFromStatistics(a, b)).toThrow(/dimensions differ/);
  });
});
