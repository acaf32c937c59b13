import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { binaryCrossEntropy } from "./losses";

describe("binaryCrossEntropy", () => {
  it("is the mean of -log(p) against 1 and -log(1 - p) against 0", () => {
    const p = tf.tensor2d([[0.9], [0.2], [0.5]]);
    const ones = binaryCrossEntropy(p, 1);
    const zeros = binaryCrossEntropy(p, 0);
    expect(ones.dataSync()[0]).toBeCloseTo(-(Math.log(0.9) + Math.log(0.2) + Math.log(0.5)) / 3, 5);
    expect(zeros.dataSync()[0]).toBeCloseTo(-(Math.log(0.1) + Math.log(0.8) + Math.log(0.5)) / 3, 5);
    tf.dispose([p, ones, zeros]);
  });

  it("stays finite when the discriminator is certain", () => {
    const p = tf.tensor1d([0, 1]);
    for (const target of [0, 1] as const) {
      const loss = binaryCrossEntropy(p, target);
      const value = loss.dataSync()[0]!;
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(7); // -log(1e-7) / 2
      loss.dispose();
    }
    p.dispose();
  });

  it("mixes both for a soft target (one-sided label smoothing) and refuses targets outside [0, 1]", () => {
    const p = tf.tensor1d([0.9, 0.3]);
    const smoothed = binaryCrossEntropy(p, 0.9);
    const expected = -[0.9, 0.3].reduce((sum, q) => sum + 0.9 * Math.log(q) + 0.1 * Math.log(1 - q), 0) / 2;
    expect(smoothed.dataSync()[0]).toBeCloseTo(expected, 5);
    expect(() => binaryCrossEntropy(p, 1.1)).toThrow(/target must be in \[0, 1\]/);
    tf.dispose([p, smoothed]);
  });
});
