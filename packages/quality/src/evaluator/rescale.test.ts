import { describe, expect, it } from "vitest";
import { rescaleImages } from "./rescale";

describe("rescaleImages", () => {
  it("averages each 2x2 block of every channel of every image", () => {
    // Two 4x4 images with 2 channels: channel 0 holds the pixel index, channel 1 its negative.
    const images = new Float32Array(2 * 4 * 4 * 2);
    for (let n = 0; n < 2; n++)
      for (let p = 0; p < 16; p++) {
        images[(n * 16 + p) * 2] = p + 100 * n;
        images[(n * 16 + p) * 2 + 1] = -p;
      }
    const out = rescaleImages(images, 4, 2, 2);
    // Top-left block of image 0: pixels 0, 1, 4, 5 -> 2.5; top-right: 2, 3, 6, 7 -> 4.5; and so on.
    expect(Array.from(out)).toEqual([
      2.5, -2.5, 4.5, -4.5, 10.5, -10.5, 12.5, -12.5, 102.5, -2.5, 104.5, -4.5, 110.5, -10.5, 112.5, -12.5,
    ]);
  });

  it("returns the images themselves at the same size, and refuses a size that does not divide", () => {
    const images = new Float32Array(8 * 8);
    expect(rescaleImages(images, 8, 8, 1)).toBe(images);
    expect(() => rescaleImages(images, 8, 3, 1)).toThrow("cannot be averaged down");
    expect(() => rescaleImages(images, 8, 12, 1)).toThrow("cannot be averaged down");
    expect(() => rescaleImages(new Float32Array(10), 8, 4, 1)).toThrow("are not whole 8x8x1 images");
  });
});
