import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { toImageGrid } from "./grid";

function pixel(grid: Awaited<ReturnType<typeof toImageGrid>>, x: number, y: number): number[] {
  const at = (y * grid.width + x) * 4;
  return Array.from(grid.data.subarray(at, at + 4));
}

describe("toImageGrid", async () => {
  it("tiles grayscale images row by row with padding, mapping [-1, 1] to 0..255 RGBA", async () => {
    // Three 2x2 images whose pixels are all -1, 0 and 1.
    const images = tf.tensor4d([...Array(4).fill(-1), ...Array(4).fill(0), ...Array(4).fill(1)], [3, 2, 2, 1]);
    const grid = await toImageGrid(images, 2, { padding: 1 });
    expect([grid.width, grid.height, grid.channels]).toEqual([2 * 2 + 3, 2 * 2 + 3, 4]);
    expect(grid.data).toHaveLength(7 * 7 * 4);
    expect(pixel(grid, 0, 0)).toEqual([0, 0, 0, 255]); // padding
    expect(pixel(grid, 1, 1)).toEqual([0, 0, 0, 255]); // image 0 (-1)
    expect(pixel(grid, 4, 2)).toEqual([128, 128, 128, 255]); // image 1 (0)
    expect(pixel(grid, 2, 5)).toEqual([255, 255, 255, 255]); // image 2 (1), second row
    expect(pixel(grid, 5, 5)).toEqual([0, 0, 0, 255]); // empty cell
    images.dispose();
  });

  it("keeps colour channels and clips values outside [-1, 1]", async () => {
    const images = tf.tensor4d([1, -1, 0, 2, -2, 0.5], [2, 1, 1, 3]);
    const grid = await toImageGrid(images, 8, { padding: 0 });
    expect([grid.width, grid.height]).toEqual([2, 1]); // never wider than the batch
    expect(pixel(grid, 0, 0)).toEqual([255, 0, 128, 255]);
    expect(pixel(grid, 1, 0)).toEqual([255, 0, 191, 255]);
    images.dispose();
  });

  it("pads with 2 pixels by default, like torchvision's make_grid", async () => {
    const images = tf.zeros([4, 3, 3, 1]) as tf.Tensor4D;
    const grid = await toImageGrid(images, 2);
    expect([grid.width, grid.height]).toEqual([2 * 3 + 3 * 2, 2 * 3 + 3 * 2]);
    images.dispose();
  });

  it("rejects other shapes and bad columns", async () => {
    const images = tf.zeros([1, 2, 2, 2]) as tf.Tensor4D;
    await expect(toImageGrid(images, 1)).rejects.toThrow(/\[N, H, W, 1 or 3\]/);
    images.dispose();
    const gray = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
    await expect(toImageGrid(gray, 0)).rejects.toThrow(/columns >= 1/);
    gray.dispose();
  });
});
