import { describe, expect, it } from "vitest";
import { createRng } from "@ganvas/core";
import { symmetricEigen } from "./symmetric-eigen";

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const value = rng.normal();
      m[i * n + j] = value;
      m[j * n + i] = value;
    }
  }
  return m;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

/** V diag(w) V^T */
function reconstruct(values: Float64Array, vectors: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
      out[i * n + j] = sum;
    }
  }
  return out;
}

describe("symmetricEigen", () => {
  it("returns a diagonal matrix's diagonal, ascending, with unit vectors", () => {
    const { values, vectors } = symmetricEigen([3, 0, 0, 0, -1, 0, 0, 0, 2], 3);
    expect(Array.from(values)).toEqual([-1, 2, 3]);
    // column k is the eigenvector of values[k]: e2, e3, e1
    expect(Array.from(vectors).map(Math.abs)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });

  it("matches the 2x2 closed form", () => {
    const [a, b, d] = [2, 1.5, -0.5];
    const mid = (a + d) / 2;
    const radius = Math.hypot((a - d) / 2, b);
    const { values, vectors } = symmetricEigen([a, b, b, d], 2);
    expect(values[0]).toBeCloseTo(mid - radius, 14);
    expect(values[1]).toBeCloseTo(mid + radius, 14);
    // (b, lambda - a) is an eigenvector of lambda: parallel to column 1
    const lambda = mid + radius;
    const cross = vectors[1]! * (lambda - a) - vectors[3]! * b;
    expect(Math.abs(cross)).toBeLessThan(1e-14);
  });

  it("reconstructs a random symmetric 64x64 matrix as V diag(w) V^T with orthonormal V", () => {
    const n = 64;
    const m = randomSymmetric(n, 3);
    const { values, vectors } = symmetricEigen(m, n);
    expect(maxAbsDifference(reconstruct(values, vectors, n), m)).toBeLessThan(1e-9);
    const ones = new Float64Array(n).fill(1);
    expect(maxAbsDifference(reconstruct(ones, vectors, n), identity(n))).toBeLessThan(1e-12); // V V^T = I
    for (let k = 1; k < n; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
  });

  it("handles repeated eigenvalues and the zero matrix", () => {
    const repeated = symmetricEigen([2, 0, 0, 0, 2, 0, 0, 0, 5], 3);
    expect(Array.from(repeated.values)).toEqual([2, 2, 5]);
    expect(Array.from(symmetricEigen(new Float64Array(4), 2).values)).toEqual([0, 0]);
  });

  it("names the problem when the input is not a square matrix or holds NaN", () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/expected 4 values/);
    expect(() => symmetricEigen([1, Number.NaN, Number.NaN, 1], 2)).toThrow(/NaN/);
  });
});
