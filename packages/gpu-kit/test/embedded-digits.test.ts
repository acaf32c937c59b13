import { describe, expect, it } from "vitest";
import { byteToStoredValue, classFileJson, pixelsByClass, storedValuesToBytes } from "../src/digits/embedded-digits";

describe("the mnist package's digits as bytes", () => {
  it("refuses a float the package does not use", () => {
    expect(byteToStoredValue(255)).toBe(1);
    expect(() => storedValuesToBytes([0.5])).toThrow(/0.5/);
  });

  it("writes a class file the package's loader parses back to the same floats", () => {
    const values = [0, 0.004, 0.502, 1];
    const text = new TextDecoder().decode(classFileJson(storedValuesToBytes(values)));
    expect(text).toBe('{"data":[0,0.004,0.502,1]}');
    expect((JSON.parse(text) as { data: number[] }).data).toEqual(values);
  });

  it("writes an empty class as an empty list", () => {
    expect(new TextDecoder().decode(classFileJson(new Uint8Array(0)))).toBe('{"data":[]}');
  });

  it("splits class-ordered digits into one run per class", () => {
    const runs = pixelsByClass(Uint8Array.of(1, 2, 3, 4), Uint8Array.of(0, 0, 2, 9), 1);
    expect(runs.map((run) => Array.from(run))).toEqual([[1, 2], [], [3], [], [], [], [], [], [], [4]]);
    expect(() => pixelsByClass(Uint8Array.of(1, 2), Uint8Array.of(1, 0), 1)).toThrow(/class after class/);
  });
});
