import { describe, expect, it } from "vitest";
import { shiftImages } from "./augment";

describe("shiftImages", () => {
  // One 3x3 single-channel image with distinct pixel values.
  const image = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);

  it("moves pixels by the drawn offset and fills the border with background", () => {
    // random() = 1 - tiny gives the largest offset (+1 for maxShift 1): down and right.
    const down = shiftImages(image, [3, 3, 1], 1, () => 0.999, 0);
    expect(Array.from(down)).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]);
    // random() = 0 gives -1: up and left.
    const up = shiftImages(image, [3, 3, 1], 1, () => 0, 0);
    expect(Array.from(up)).toEqual([5, 6, 0, 8, 9, 0, 0, 0, 0]);
    // The middle draw is no shift at all.
    expect(Array.from(shiftImages(image, [3, 3, 1], 1, () => 0.5, 0))).toEqual(Array.from(image));
  });

  it("shifts each image of a batch and keeps channels together", () => {
    const rgb = Float32Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => i + 1);
    const draws = [0.999, 0.5, 0.5, 0.5]; // image 0: dy +1, dx 0; image 1: unchanged
    const shifted = shiftImages(rgb, [2, 2, 3], 1, () => draws.shift()!, -1);
    expect(Array.from(shifted.subarray(0, 12))).toEqual([-1, -1, -1, -1, -1, -1, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(shifted.subarray(12))).toEqual(Array.from(rgb.subarray(12)));
  });
});
