// Reads what a canvas shows, so tests compare real pixels rather than component state.
import type { Locator } from "@playwright/test";

export async function canvasPixels(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((element) => {
    const node = element as HTMLCanvasElement;
    const context = node.getContext("2d");
    if (!context || node.width === 0) return [];
    return Array.from(context.getImageData(0, 0, node.width, node.height).data);
  });
}

export function variance(values: number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
}

/** Mean absolute difference per channel value; Infinity when the sizes differ. */
export function meanAbsDiff(a: number[], b: number[]): number {
  if (a.length !== b.length || a.length === 0) return Number.POSITIVE_INFINITY;
  let total = 0;
  for (let index = 0; index < a.length; index += 1) total += Math.abs((a[index] ?? 0) - (b[index] ?? 0));
  return total / a.length;
}

/** The largest difference of any one channel value; Infinity when the sizes differ. */
export function maxAbsDiff(a: number[], b: number[]): number {
  if (a.length !== b.length || a.length === 0) return Number.POSITIVE_INFINITY;
  let largest = 0;
  for (let index = 0; index < a.length; index += 1)
    largest = Math.max(largest, Math.abs((a[index] ?? 0) - (b[index] ?? 0)));
  return largest;
}

/** The pixels of an <img> once it has loaded, drawn at its natural size (registry files are same-origin). */
export async function imagePixels(image: Locator): Promise<number[]> {
  return image.evaluate(async (element) => {
    const node = element as HTMLImageElement;
    await node.decode();
    const canvas = document.createElement("canvas");
    canvas.width = node.naturalWidth;
    canvas.height = node.naturalHeight;
    const context = canvas.getContext("2d");
    if (!context || canvas.width === 0) return [];
    context.drawImage(node, 0, 0);
    return Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data);
  });
}

/** Rows `top` to `top + height - 1` of an RGBA picture `width` pixels wide, as flat pixel values. */
export function pixelRows(pixels: number[], width: number, top: number, height: number): number[] {
  return pixels.slice(top * width * 4, (top + height) * width * 4);
}

/** A canvas's width in pixels (its drawing buffer, not its CSS size). */
export async function canvasWidth(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => (element as HTMLCanvasElement).width);
}

/** Tile (row, column) of a picture made by core's toImageGrid (`size`-pixel tiles, `padding` around each). */
export function gridTile(pixels: number[], width: number, row: number, column: number, size: number, padding = 2) {
  const tile: number[] = [];
  const left = padding + column * (size + padding);
  for (let y = 0; y < size; y += 1) {
    const start = ((padding + row * (size + padding) + y) * width + left) * 4;
    tile.push(...pixels.slice(start, start + size * 4));
  }
  return tile;
}
