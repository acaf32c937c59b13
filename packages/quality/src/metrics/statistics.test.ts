import { describe, expect, it } from "vitest";
import { createRng } from "@ganvas/core";
import { featureStatistics } from "./statistics";

describe("featureStatistics", () => {
  it("computes the mean and the unbiased covariance of a small matrix by hand", () => {
    // rows (1, 2), (3, 6), (5, 4): mean (3, 4); deviations (-2,-2), (0,2), (2,0)
    const stats = featureStatistics([1, 2, 3, 6, 5, 4], 2);
    expect(stats.count).toBe(3);
    expect(Array.from(stats.mean)).toEqual([3, 4]);
    // sum of products / (N - 1): xx = 8/2, xy = 4/2, yy = 8/2
    expect(Array.from(stats.covariance)).toEqual([4, 2, 2, 4]);
  });

  it("keeps the spread when the mean is huge next to it (no E[xx] - mu^2 cancellation)", () => {
    const offset = 1e9;
    const stats = featureStatistics([offset + 1, offset - 1, offset + 1, offset - 1], 1);
    expect(stats.covariance[0]).toBeCloseTo(4 / 3, 12);
  });

  it("recovers a known Gaussian's moments from many samples", () => {
    const rng = createRng(11);
    const count = 20_000;
    const features = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      const a = rng.normal();
      const b = rng.normal();
      features[2 * i] = 1 + 2 * a; // var 4
      features[2 * i + 1] = -1 + a + b; // var 2, cov with the first = 2
    }
    const { mean, covariance } = featureStatistics(features, 2);
    expect(mean[0]).toBeCloseTo(1, 1);
    expect(mean[1]).toBeCloseTo(-1, 1);
    expect(covariance[0]).toBeCloseTo(4, 0);
    expect(covariance[1]).toBeCloseTo(2, 0);
    expect(covariance[1]).toBe(covariance[2]);
    expect(covariance[3]).toBeCloseTo(2, 0);
  });

  it("refuses inputs that cannot give a covariance", () => {
    expect(() => featureStatistics([1, 2, 3], 2)).toThrow(/rows of 2/);
    expect(() => featureStatistics([1, 2], 2)).toThrow(/at least 2 samples/);
    expect(() => featureStatistics([1, 2], 0)).toThrow(/positive integer/);
  });
});
