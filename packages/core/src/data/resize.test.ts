import { describe, expect, it } from "vitest";
import { resizeBilinear } from "./resize";

describe("resizeBilinear", () => {
  it("interpolates between pixel centres when enlarging", () => {
    // One row [0, 1] doubled: the output centres sit at 1/4 and 3/4 of the way between input centres.
    const out = resizeBilinear(Float32Array.from([0, 1]), 2, 1, 1, 4, 1);
    expect([...out]).toEqual([0, 0.25, 0.75, 1]);
  });

  it("keeps a constant image constant and handles channels separately", () => {
    const src = new Float32Array(5 * 3 * 2);
    for (let p = 0; p < 15; p++) src.set([0.5, -0.25], p * 2);
    const out = resizeBilinear(src, 5, 3, 2, 9, 7);
    expect(out.length).toBe(9 * 7 * 2);
    for (let p = 0; p < 63; p++) {
      expect(out[p * 2]).toBeCloseTo(0.5, 6);
      expect(out[p * 2 + 1]).toBeCloseTo(-0.25, 6);
    }
  });

  it("shrinks by averaging neighbours and returns a copy at the same size", () => {
    const src = Float32Array.from([1, 1, -1, -1]);
    expect([...resizeBilinear(src, 4, 1, 1, 1, 1)]).toEqual([0]);
    const same = resizeBilinear(src, 4, 1, 1, 4, 1);
    expect([...same]).toEqual([...src]);
    expect(same).not.toBe(src);
  });
});
