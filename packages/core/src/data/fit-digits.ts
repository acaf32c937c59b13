import { bilinearResizer } from "./resize";

/** MNIST-style images are 28 x 28 grayscale. */
export const DIGIT_SIZE = 28;
const BACKGROUND = -1;

/**
 * Brings `count` 28x28 grayscale images (values in [0, maxValue]) to the model's size, in [-1, 1]:
 * 32 is reached by padding 2 background pixels on each side (the classic DCGAN-on-MNIST choice, no
 * blur); any other size by bilinear resizing. Gray is repeated when the model wants 3 channels.
 */
export function fitDigits(
  pixels: ArrayLike<number>,
  count: number,
  maxValue: number,
  imageSize: number,
  channels: 1 | 3,
): Float32Array {
  const inArea = DIGIT_SIZE * DIGIT_SIZE;
  const outArea = imageSize * imageSize;
  const out = new Float32Array(count * outArea * channels);
  const digit = new Float32Array(inArea);
  const pad = (imageSize - DIGIT_SIZE) / 2;
  const padOnly = imageSize === 32;
  const resize = bilinearResizer(DIGIT_SIZE, DIGIT_SIZE, 1, imageSize, imageSize);

  for (let n = 0; n < count; n++) {
    for (let i = 0; i < inArea; i++) digit[i] = (pixels[n * inArea + i]! / maxValue) * 2 - 1;
    const fitted = padOnly ? padSquare(digit, DIGIT_SIZE, pad, BACKGROUND) : resize(digit);
    const base = n * outArea * channels;
    for (let i = 0; i < outArea; i++) {
      const v = Math.min(1, Math.max(-1, fitted[i]!));
      for (let c = 0; c < channels; c++) out[base + i * channels + c] = v;
    }
  }
  return out;
}

function padSquare(src: Float32Array, size: number, pad: number, fill: number): Float32Array {
  const outSize = size + 2 * pad;
  const out = new Float32Array(outSize * outSize).fill(fill);
  for (let y = 0; y < size; y++) out.set(src.subarray(y * size, (y + 1) * size), (y + pad) * outSize + pad);
  return out;
}
