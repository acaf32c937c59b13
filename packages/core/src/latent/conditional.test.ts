import { describe, expect, it } from "vitest";
import { latentArithmetic, latentMean } from "./arithmetic";
import { classCode, classGridLatents, conditionalLatents } from "./conditional";
import { sampleLatent } from "./sample";
import { loopingWalk } from "./walk";

describe("classCode", () => {
  it("is one-hot for a class, and the blend of two along t", () => {
    expect(Array.from(classCode(4, 2))).toEqual([0, 0, 1, 0]);
    expect(Array.from(classCode(4, 0, 3, 0.25))).toEqual([0.75, 0, 0, 0.25]);
    expect(Array.from(classCode(4, 1, 1, 0.5))).toEqual([0, 1, 0, 0]);
  });

  it("refuses classes outside the model's and t outside [0, 1]", () => {
    expect(() => classCode(10, 10)).toThrow(/The class must be an integer from 0 to 9, got 10/);
    expect(() => classCode(10, 1, -1)).toThrow(/blend towards/);
    expect(() => classCode(10, 1, 2, 1.5)).toThrow(/t must be from 0 to 1/);
  });
});

describe("conditionalLatents", () => {
  const z = Float32Array.from([1, 2, 3, 4]); // two rows of zDim 2
  it("appends one code to every row, or one code per row", () => {
    expect(Array.from(conditionalLatents(z, 2, classCode(2, 1)))).toEqual([1, 2, 0, 1, 3, 4, 0, 1]);
    expect(Array.from(conditionalLatents(z, 2, [classCode(2, 0), classCode(2, 1)]))).toEqual([1, 2, 1, 0, 3, 4, 0, 1]);
  });

  it("refuses a code count that does not match the rows", () => {
    expect(() => conditionalLatents(z, 2, [classCode(2, 0)])).toThrow(/2 latent rows need as many class codes, got 1/);
    expect(() => conditionalLatents(z, 3, classCode(2, 0))).toThrow(/not rows of 3/);
  });
});

describe("latent arithmetic", () => {
  it("is mean(A) - mean(B) + mean(C)", () => {
    expect(
      Array.from(
        latentMean([
          [1, 2],
          [3, 6],
        ]),
      ),
    ).toEqual([2, 4]);
    expect(
      Array.from(
        latentArithmetic(
          [
            [1, 1],
            [3, 3],
          ],
          [[1, 0]],
          [[0, 5]],
        ),
      ),
    ).toEqual([1, 7]);
  });

  it("refuses an empty group and vectors of other lengths", () => {
    expect(() => latentArithmetic([], [[1]], [[1]])).toThrow(/at least one vector/);
    expect(() => latentArithmetic([[1, 2]], [[1]], [[1, 2]])).toThrow(/one length/);
  });
});

describe("loopingWalk", () => {
  const zDim = 64;
  const walk = loopingWalk(5, zDim);
  const distance = (a: Float32Array, b: Float32Array) => Math.hypot(...a.map((v, i) => v - b[i]!));
  const norm = (a: Float32Array) => Math.hypot(...a);

  it("closes its loop: t and t + 1 are the same point", () => {
    expect(distance(walk(0), walk(1))).toBeLessThan(1e-4);
    expect(distance(walk(0.3), walk(2.3))).toBeLessThan(1e-4);
  });

  it("moves smoothly: small steps in t make small steps in z, and it does move", () => {
    const steps = Array.from({ length: 200 }, (_, i) => distance(walk(i / 200), walk((i + 1) / 200)));
    expect(Math.max(...steps)).toBeLessThan(0.2 * Math.sqrt(zDim));
    expect(distance(walk(0), walk(0.5))).toBeGreaterThan(0.5 * Math.sqrt(zDim));
  });

  it("stays as long as a sampled latent (about sqrt(zDim)) all the way round", () => {
    for (let i = 0; i < 20; i++) {
      expect(norm(walk(i / 20)) / Math.sqrt(zDim)).toBeGreaterThan(0.7);
      expect(norm(walk(i / 20)) / Math.sqrt(zDim)).toBeLessThan(1.3);
    }
  });

  it("is the same walk for the same seed, another for another", () => {
    expect(loopingWalk(5, zDim)(0.42)).toEqual(walk(0.42));
    expect(distance(loopingWalk(6, zDim)(0.42), walk(0.42))).toBeGreaterThan(1);
  });
});

describe("classGridLatents", () => {
  it("gives one row per class, every row the same latents from the seed", () => {
    const zDim = 3;
    const grid = classGridLatents(9, 2, zDim, 4);
    const shared = sampleLatent(9, 2, zDim);
    expect(grid.length).toBe(4 * 2 * (zDim + 4));
    for (let label = 0; label < 4; label++) {
      for (let column = 0; column < 2; column++) {
        const offset = (label * 2 + column) * (zDim + 4);
        expect(grid.subarray(offset, offset + zDim)).toEqual(shared.subarray(column * zDim, (column + 1) * zDim));
        expect(Array.from(grid.subarray(offset + zDim, offset + zDim + 4))).toEqual(Array.from(classCode(4, label)));
      }
    }
  });
});
