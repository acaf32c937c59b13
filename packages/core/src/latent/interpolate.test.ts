import { describe, expect, it } from "vitest";
import { interpolationPath, lerp, slerp } from "./interpolate";
import { sampleLatent } from "./sample";

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

describe("lerp", () => {
  it("interpolates linearly", () => {
    expect(Array.from(lerp([0, 2], [4, -2], 0.25))).toEqual([1, 1]);
  });

  it("rejects vectors of different lengths", () => {
    expect(() => lerp([1], [1, 2], 0.5)).toThrow(/lengths 1 and 2/);
  });
});

describe("slerp", () => {
  it("returns the endpoints exactly at t = 0 and t = 1", () => {
    const a = sampleLatent(1, 1, 64);
    const b = sampleLatent(2, 1, 64);
    expect(slerp(a, b, 0)).toEqual(a);
    expect(slerp(a, b, 1)).toEqual(b);
  });

  it("follows the circle between orthogonal unit vectors", () => {
    const mid = slerp([1, 0], [0, 1], 0.5);
    expect(mid[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(mid[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it("keeps the norm of equal-norm endpoints, where lerp sags toward the origin", () => {
    const a = sampleLatent(3, 1, 100);
    const raw = sampleLatent(4, 1, 100);
    const b = raw.map((x) => (x * norm(a)) / norm(raw));
    for (const t of [0.25, 0.5, 0.75]) {
      expect(norm(slerp(a, b, t)) / norm(a)).toBeCloseTo(1, 4);
    }
    expect(norm(lerp(a, b, 0.5)) / norm(a)).toBeLessThan(0.85);
  });

  it("falls back to lerp for parallel, opposite and zero vectors", () => {
    expect(Array.from(slerp([1, 2], [2, 4], 0.5))).toEqual(Array.from(lerp([1, 2], [2, 4], 0.5)));
    expect(Array.from(slerp([1, 2], [-1, -2], 0.5))).toEqual([0, 0]);
    expect(Array.from(slerp([0, 0], [1, 1], 0.5))).toEqual([0.5, 0.5]);
  });
});

describe("interpolationPath", () => {
  it("has the requested frames, exact endpoints, and the interpolation in between", () => {
    const a = sampleLatent(5, 1, 16);
    const b = sampleLatent(6, 1, 16);
    for (const mode of ["slerp", "lerp"] as const) {
      const path = interpolationPath(a, b, 5, mode);
      expect(path).toHaveLength(5);
      expect(path[0]).toEqual(a);
      expect(path[4]).toEqual(b);
      expect(path[2]).toEqual(mode === "slerp" ? slerp(a, b, 0.5) : lerp(a, b, 0.5));
    }
    expect(interpolationPath(a, b, 2, "slerp")).toEqual([a, b]);
  });

  it("returns copies, not the inputs", () => {
    const a = new Float32Array([1, 0]);
    const path = interpolationPath(a, [0, 1], 3, "slerp");
    path[0]![0] = 9;
    expect(a[0]).toBe(1);
  });

  it("needs at least two frames", () => {
    expect(() => interpolationPath([1], [2], 1, "lerp")).toThrow(/frames >= 2/);
    expect(() => interpolationPath([1], [2], 2.5, "lerp")).toThrow(/frames >= 2/);
  });
});
