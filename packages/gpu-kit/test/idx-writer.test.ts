import { parseIdxImages, parseIdxLabels } from "@ganvas/trainer/src/data/idx";
import { describe, expect, it } from "vitest";
import { encodeIdxImages, encodeIdxLabels } from "../src/digits/idx-writer";

const source = { path: "memory", advice: "" };

describe("IDX writer", () => {
  it("round-trips images and labels through the trainer's IDX reader", () => {
    const pixels = Uint8Array.from({ length: 3 * 28 * 28 }, (_, i) => (i * 7) % 256);
    const images = parseIdxImages(encodeIdxImages(pixels, 3, 28, 28), source, 28);
    expect(images).toMatchObject({ count: 3, rows: 28, cols: 28 });
    expect(Array.from(images.pixels)).toEqual(Array.from(pixels));
    const labels = Uint8Array.of(0, 9, 4);
    expect(Array.from(parseIdxLabels(encodeIdxLabels(labels), source))).toEqual([0, 9, 4]);
  });

  it("refuses data that does not fill the dimensions", () => {
    expect(() => encodeIdxImages(new Uint8Array(10), 1, 28, 28)).toThrow(/784/);
  });
});
