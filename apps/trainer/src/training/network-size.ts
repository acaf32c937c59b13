// How many weights a DCGAN config makes, known before anything is built: a config too large to train here
// (gigabytes of weights, Adam moments and gradients) is refused up front instead of exhausting memory.
import { generatorInputSize, type DcganConfig } from "@ganvas/core";

export const MAX_WEIGHTS = 100_000_000;
const KERNEL_AREA = 4 * 4;
const MIN_IMAGE_SIZE = 8;

/**
 * Conv weights of the generator and discriminator (batch-norm parameters are negligible). The widths follow
 * core's rule (config.ts): the generator has generatorWidth * imageSize / s channels at size s, from the
 * 4x4 projection of z up to the image; the discriminator discriminatorWidth * (imageSize / 2) / s channels,
 * from the image down to 4x4, then one output (and one per class: a conditional model's projection). A
 * conditional generator's first layer also takes the one-hot class.
 */
export function dcganWeights(config: DcganConfig): number {
  const { imageSize, channels, generatorWidth, discriminatorWidth, numClasses = 0 } = config;
  let weights = 0;
  let previous = generatorInputSize(config);
  for (let size = 4; size < imageSize; size *= 2) {
    const width = (generatorWidth * imageSize) / size;
    weights += KERNEL_AREA * previous * width;
    previous = width;
  }
  weights += KERNEL_AREA * previous * channels;
  previous = channels;
  for (let size = imageSize / 2; size >= 4; size /= 2) {
    const width = (discriminatorWidth * (imageSize / 2)) / size;
    weights += KERNEL_AREA * previous * width;
    previous = width;
  }
  return weights + KERNEL_AREA * previous * (1 + numClasses);
}

/** The largest image size (down to 8) at which `config`'s widths stay within the limit; undefined if none. */
export function largestImageSize(config: DcganConfig): number | undefined {
  for (let size = config.imageSize; size >= MIN_IMAGE_SIZE; size /= 2) {
    if (dcganWeights({ ...config, imageSize: size }) <= MAX_WEIGHTS) return size;
  }
  return undefined;
}

/** A message for a config over the limit, naming what would fit; undefined when it is within. */
export function networkSizeProblem(config: DcganConfig, preset: string): string | undefined {
  const weights = dcganWeights(config);
  if (weights <= MAX_WEIGHTS) return undefined;
  const { imageSize } = config;
  const fit = largestImageSize(config);
  const advice = fit === undefined ? "use a smaller --z-dim" : `use --image-size ${fit} or smaller`;
  return (
    `The ${preset} preset at ${imageSize}x${imageSize} makes networks of ${Math.round(weights / 1e6)} million weights, ` +
    `more than the limit of ${MAX_WEIGHTS / 1e6} million: ${advice}, or a narrower preset.`
  );
}
