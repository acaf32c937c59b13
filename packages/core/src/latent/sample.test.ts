import { describe, expect, it } from "vitest";
import { createRng } from "./rng";
import { sampleLatent } from "./sample";

describe("sampleLatent", () => {
  it("returns count * zDim standard normals, the same for the same seed", () => {
    const a = sampleLatent(42, 3, 5);
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(15);
    expect(sampleLatent(42, 3, 5)).toEqual(a);
    expect(sampleLatent(43, 3, 5)).not.toEqual(a);
  });

  it("is the seed's normal stream, row after row (so fewer rows are a prefix)", () => {
    const rng = createRng(42);
    const expected = Float32Array.from({ length: 10 }, () => rng.normal());
    expect(sampleLatent(42, 2, 5)).toEqual(expected);
    expect(sampleLatent(42, 4, 5).subarray(0, 10)).toEqual(expected);
  });

  it("is stable across platforms (snapshot)", () => {
    expect(Array.from(sampleLatent(2024, 1, 4), (v) => v.toFixed(6))).toMatchInlineSnapshot(`
      [
        "0.813684",
        "0.917994",
        "-0.734703",
        "-1.699254",
      ]
    `);
  });

  it("rejects impossible sizes", () => {
    expect(() => sampleLatent(1, -1, 4)).toThrow(/count/);
    expect(() => sampleLatent(1, 2, 0)).toThrow(/zDim/);
  });
});
