import type * as tf from "@tensorflow/tfjs-core";

export type ImageGrid = {
  width: number;
  height: number;
  /** Always 4: RGBA, ready for ImageData or a PNG encoder. */
  channels: 4;
  data: Uint8ClampedArray;
};

export type GridOptions = {
  /** Pixels between and around the tiles (black), as torchvision's make_grid. Default 2. */
  padding?: number;
};

/**
 * Tiles a batch of images [N, H, W, 1 | 3] with pixels in [-1, 1] into one RGBA picture, `columns` tiles wide
 * (fewer when N is smaller). Pure: it reads the tensor (asynchronously, as GPU backends need) and leaves encoding
 * to the caller.
 */
export async function toImageGrid(images: tf.Tensor4D, columns: number, options: GridOptions = {}): Promise<ImageGrid> {
  const { padding = 2 } = options;
  const [count, tileHeight, tileWidth, depth] = images.shape;
  if (images.rank !== 4 || (depth !== 1 && depth !== 3)) {
    throw new RangeError(`toImageGrid needs images shaped [N, H, W, 1 or 3], got [${images.shape.join(", ")}].`);
  }
  if (!Number.isInteger(columns) || columns < 1 || !Number.isInteger(padding) || padding < 0) {
    throw new RangeError(
      `toImageGrid needs an integer columns >= 1 and padding >= 0, got columns ${columns}, padding ${padding}.`,
    );
  }
  const across = Math.max(1, Math.min(columns, count));
  const down = Math.ceil(count / across);
  const width = across * tileWidth + (across + 1) * padding;
  const height = down * tileHeight + (down + 1) * padding;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 3; i < data.length; i += 4) data[i] = 255; // opaque black background
  const pixels = await images.data();
  const toByte = (value: number) => Math.round(((value + 1) / 2) * 255); // the clamped array clips to 0..255
  for (let n = 0; n < count; n++) {
    const left = padding + (n % across) * (tileWidth + padding);
    const top = padding + Math.floor(n / across) * (tileHeight + padding);
    for (let y = 0; y < tileHeight; y++) {
      for (let x = 0; x < tileWidth; x++) {
        const source = ((n * tileHeight + y) * tileWidth + x) * depth;
        const target = ((top + y) * width + left + x) * 4;
        for (let c = 0; c < 3; c++) data[target + c] = toByte(pixels[source + (depth === 3 ? c : 0)]!);
      }
    }
  }
  return { width, height, channels: 4, data };
}
