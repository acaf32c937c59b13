import { describe, expect, it } from "vitest";
import { createRng, fillNormal, restoreRng, shuffledIndices } from "./rng";

describe("createRng", () => {
  it("gives the same numbers for a seed on every platform (snapshot of the first draws)", () => {
    const rng = createRng(1234);
    const uniforms = Array.from({ length: 4 }, () => rng.next());
    const normals = Array.from({ length: 4 }, () => rng.normal());
    expect(uniforms.map((u) => u.toFixed(12))).toMatchInlineSnapshot(`
      [
        "0.540610627504",
        "0.034491451224",
        "0.777493291767",
        "0.323959449073",
      ]
    `);
    expect(normals.map((n) => n.toFixed(12))).toMatchInlineSnapshot(`
      [
        "-0.530040551935",
        "1.139298761867",
        "-2.029563261275",
        "0.587104781058",
      ]
    `);
  });

  it("gives different streams for nearby and for large seeds", () => {
    const first = (seed: number) => createRng(seed).next();
    const values = [0, 1, 2, 2 ** 32, 2 ** 32 + 1, -1, Number.MAX_SAFE_INTEGER].map(first);
    expect(new Set(values).size).toBe(values.length);
  });

  it("draws uniforms in [0, 1) and standard normals", () => {
    const rng = createRng(7);
    const uniforms = Array.from({ length: 20_000 }, () => rng.next());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    const normals = fillNormal(rng, 20_000);
    const mean = normals.reduce((a, b) => a + b, 0) / normals.length;
    const variance = normals.reduce((a, b) => a + (b - mean) ** 2, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });

  it("scales normals with fillNormal's mean and stddev", () => {
    const values = fillNormal(createRng(3), 10_000, 1, 0.02);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeCloseTo(1, 2);
    expect(Math.max(...values.map((v) => Math.abs(v - 1)))).toBeLessThan(0.02 * 6);
  });

  it("rejects seeds that are not safe integers", () => {
    expect(() => createRng(1.5)).toThrow(/safe integer/);
    expect(() => createRng(Number.NaN)).toThrow(/safe integer/);
  });
});

describe("rng state", () => {
  it("continues the exact sequence after a JSON round trip, including a pending Box-Muller normal", () => {
    const rng = createRng(99);
    rng.normal(); // leaves the pair's second normal pending
    const saved = JSON.parse(JSON.stringify(rng.state()));
    const expected = [rng.normal(), rng.next(), rng.normal(), rng.normal()];
    const resumed = restoreRng(saved);
    expect([resumed.normal(), resumed.next(), resumed.normal(), resumed.normal()]).toEqual(expected);
  });

  it("state() is a copy", () => {
    const rng = createRng(5);
    const state = rng.state();
    rng.next();
    expect(rng.state()).not.toEqual(state);
  });

  it("refuses something that is not a saved state", () => {
    expect(() => restoreRng({ algorithm: "xoshiro128**", words: [0, 0, 0, 0], spareNormal: null })).toThrow(
      /Not an RNG state/,
    );
    expect(() => restoreRng({ algorithm: "mt", words: [1, 2, 3, 4], spareNormal: null } as never)).toThrow(
      /Not an RNG state/,
    );
    expect(() => restoreRng({ algorithm: "xoshiro128**", words: [1, 2, 3], spareNormal: null } as never)).toThrow(
      /Not an RNG state/,
    );
  });
});

describe("shuffledIndices", () => {
  it("is a permutation, the same for the same draws", () => {
    const rng = createRng(9);
    const order = shuffledIndices(100, () => rng.next());
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(order)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    const again = createRng(9);
    shuffledIndices(100, () => again.next());
    expect(shuffledIndices(50, () => rng.next())).toEqual(shuffledIndices(50, () => again.next()));
  });

  it("swaps each position from the end with the drawn one (Fisher–Yates)", () => {
    // random() = 0 always draws position 0: 3<->0, 2<->0, 1<->0.
    expect(Array.from(shuffledIndices(4, () => 0))).toEqual([1, 2, 3, 0]);
    expect(Array.from(shuffledIndices(1, () => 0))).toEqual([0]);
  });
});
