// The embedded MNIST training digits as the browser gets them (scripts/digits-asset.ts writes them at build
// time from the trainer's own split): one byte per pixel, an index into `levels`, the pixel values the npm
// package stores (256 distinct ones). Decoded through `levels`, the browser has exactly the float32 pixels the
// trainer reads, so both train on the same numbers. 7 MB of bytes, against 40 MB of the package's JSON.

/** Where the page fetches them (under public/). */
export const DIGITS_META_URL = "/digits/mnist-embedded-train.json";
export const DIGITS_BYTES_URL = "/digits/mnist-embedded-train.bin";

export type DigitsMeta = {
  /** The trainer's data set name, recorded in a published version's manifest. */
  name: string;
  count: number;
  /** Side of each square digit (28). */
  size: number;
  /** Pixel value of each byte value, in [0, 1]. */
  levels: number[];
  /** Byte length of the .bin file (count * size * size). */
  bytes: number;
};

/** The digits' pixels as the trainer holds them (float32 in [0, 1], NHWC with one channel). */
export function decodeDigits(meta: DigitsMeta, bytes: Uint8Array): Float32Array {
  const expected = meta.count * meta.size * meta.size;
  if (bytes.byteLength !== expected || meta.bytes !== expected) {
    throw new Error(
      `The digits file holds ${bytes.byteLength} bytes where ${expected} were expected: rebuild the viewer (pnpm --filter @ganvas/viewer build).`,
    );
  }
  const levels = Float32Array.from(meta.levels);
  const pixels = new Float32Array(expected);
  for (let i = 0; i < expected; i++) pixels[i] = levels[bytes[i]!]!;
  return pixels;
}
