import { describe, expect, it } from "vitest";
import { median, summarize } from "../src/median";

describe("median", () => {
  it("takes the middle sample of an odd count, whatever the order", () => {
    expect(median([900, 100, 300])).toBe(300);
  });

  it("averages the two middle samples of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("refuses an empty list instead of returning NaN", () => {
    expect(() => median([])).toThrow(/at least one/);
  });

  it("summarizes with the spread and keeps the samples in run order", () => {
    expect(summarize([30, 10, 20])).toEqual({ medianMs: 20, minMs: 10, maxMs: 30, samplesMs: [30, 10, 20] });
  });
});
