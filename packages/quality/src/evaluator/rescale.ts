/**
 * Brings NHWC images to an evaluator's size, so a 64x64 or 16x16 generator can be scored by a 32x32 evaluator:
 * real and generated images pass through the same rescaling, so the distance between them stays fair. Down by
 * averaging each block, up by repeating each pixel; the sizes must differ by a whole factor. Plain
 * JavaScript: the same bits on every backend.
 */
export function rescaleImages(images: Float32Array, fromSize: number, toSize: number, channels: number): Float32Array {
  if (fromSize === toSize) return images;
  if (toSize > fromSize) return upsampleImages(images, fromSize, toSize, channels);
  const factor = fromSize / toSize;
  if (!Number.isInteger(factor)) {
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

function upsampleImages(images: Float32Array, fromSize: number, toSize: number, channels: number): Float32Array {
  const factor = toSize / fromSize;
  if (!Number.isInteger(factor)) {
    throw new RangeError(`rescaleImages: ${fromSize}px images cannot be enlarged to ${toSize}px`);
  }
  const inPixels = fromSize * fromSize * channels;
  const count = images.length / inPixels;
  if (!Number.isInteger(count)) {
    throw new RangeError(
      `rescaleImages: ${images.length} values are not whole ${fromSize}x${fromSize}x${channels} images`,
    );
  }
  const outPixels = toSize * toSize * channels;
  const out = new Float32Array(count * outPixels);
  for (let n = 0; n < count; n++) {
    for (let y = 0; y < toSize; y++) {
      const inRow = n * inPixels + Math.floor(y / factor) * fromSize * channels;
      const outRow = n * outPixels + y * toSize * channels;
      for (let x = 0; x < toSize; x++) {
        const from = inRow + Math.floor(x / factor) * channels;
        for (let c = 0; c < channels; c++) out[outRow + x * channels + c] = images[from + c]!;
      }
    }
  }
  return out;
}
