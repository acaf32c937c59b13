import { describe, expect, it } from "vitest";
import { stepsThatFit } from "../src/device/fit-steps";

describe("stepsThatFit", () => {
  it("keeps the planned steps when they fit, and shortens the run when they do not", () => {
    expect(stepsThatFit(100, 120, 50)).toBe(50);
    expect(stepsThatFit(4000, 120, 50)).toBe(30);
    expect(stepsThatFit(600_000, 120, 50)).toBe(1);
  });

  it("plans the full run without a measurement", () => {
    expect(stepsThatFit(null, 120, 50)).toBe(50);
    expect(stepsThatFit(Number.NaN, 120, 50)).toBe(50);
  });
});
