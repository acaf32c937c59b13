/**
 * Brings NHWC images down to an evaluator's size by averaging each block, so a 64x64 generator can be scored
 * by a 32x32 evaluator: real and generated images pass through the same averaging, so the distance between
 * them stays fair. The sizes must differ by a whole factor. Plain JavaScript: the same bits on every backend.
 */
export function rescaleImages(images: Float32Array, fromSize: number, toSize: number, channels: number): Float32Array {
  if (fromSize === toSize) return images;
  const factor = fromSize / toSize;
  if (!Number.isInteger(factor) || factor < 1) {
    throw new RangeError(`rescaleImages: ${fromSize}px images cannot be averaged down to ${toSize}px`);
  }
  const inPixels = fromSize * fromSize * channels;
  const count = images.length / inPixels;
  if (!Number.isInteger(count)) {
    throw new RangeError(
      `rescaleImages: ${images.length} values are not whole ${fromSize}x${fromSize}x${channels} images`,
    );
  }
  const out = new Float32Array(count * toSize * toSize * channels);
  const scale = 1 / (factor * factor);
  for (let n = 0; n < count; n++) {
    const inBase = n * inPixels;
    const outBase = n * toSize * toSize * channels;
    for (let y = 0; y < toSize; y++) {
      for (let x = 0; x < toSize; x++) {
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          for (let dy = 0; dy < factor; dy++) {
            const row = inBase + ((y * factor + dy) * fromSize + x * factor) * channels + c;
            for (let dx = 0; dx < factor; dx++) sum += images[row + dx * channels]!;
          }
          out[outBase + (y * toSize + x) * channels + c] = sum * scale;
        }
      }
    }
  }
  return out;
}
