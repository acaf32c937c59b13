import { createRng } from "@ganvas/core";

/**
 * Test data: two "digit" classes of size x size single-channel images in [-1, 1] — class 0 a vertical
 * stroke, class 1 a horizontal one, at a random offset with pixel noise — small enough to train a tiny
 * evaluator on the cpu backend in seconds.
 */
export interface SyntheticDigits {
  images: Float32Array;
  labels: Uint8Array;
}

export function syntheticDigits(count: number, seed: number, size = 8, onlyClass?: 0 | 1): SyntheticDigits {
  const rng = createRng(seed);
  const images = new Float32Array(count * size * size);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const label = onlyClass ?? ((n % 2) as 0 | 1);
    labels[n] = label;
    const line = 1 + Math.floor(rng.next() * (size - 3)); // stroke two pixels wide, kept off the border
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        const across = label === 0 ? col : row;
        const ink = across === line || across === line + 1 ? 1 : -1;
        images[(n * size + row) * size + col] = Math.max(-1, Math.min(1, ink + 0.2 * rng.normal()));
      }
    }
  }
  return { images, labels };
}

/** Uniform noise images in [-1, 1]: what an untrained generator's output looks like to the score. */
export function uniformNoise(count: number, seed: number, size = 8): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count * size * size }, () => 2 * rng.next() - 1);
}
