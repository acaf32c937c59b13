/** Shape of a DCGAN: everything needed to rebuild its generator and discriminator. */
export type DcganConfig = {
  /** Side of the square images, a power of two >= 8. */
  imageSize: number;
  channels: 1 | 3;
  /** Length of the latent vector z. */
  zDim: number;
  /** The tutorial's `features_g`: the generator has this many channels at half the image size. */
  generatorWidth: number;
  /** The tutorial's `features_d`: the discriminator's first layer has this many channels. */
  discriminatorWidth: number;
  /**
   * Classes of a class-conditional DCGAN: the generator takes z followed by a one-hot class (its input is
   * zDim + numClasses long) and the discriminator is told the class. Absent for an unconditional one.
   */
  numClasses?: number;
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const MIN_IMAGE_SIZE = 8;
const MAX_IMAGE_SIZE = 1024;
/** Far above any labelled data set here (10 classes); keeps the one-hot input a small part of G's first layer. */
export const MAX_CLASSES = 1000;

function isPositiveInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

function isPowerOfTwo(value: number): boolean {
  return (value & (value - 1)) === 0;
}

/** Returns the config unchanged when it describes a buildable DCGAN; otherwise throws a ConfigError naming every problem. */
export function validateConfig(config: DcganConfig): DcganConfig {
  const problems: string[] = [];
  const { imageSize, channels, zDim, generatorWidth, discriminatorWidth, numClasses } = config;
  if (
    !isPositiveInteger(imageSize) ||
    !isPowerOfTwo(imageSize) ||
    imageSize < MIN_IMAGE_SIZE ||
    imageSize > MAX_IMAGE_SIZE
  ) {
    problems.push(
      `imageSize must be a power of two from ${MIN_IMAGE_SIZE} to ${MAX_IMAGE_SIZE} (the models double or halve the size at every layer), got ${String(imageSize)}`,
    );
  }
  if (channels !== 1 && channels !== 3) {
    problems.push(`channels must be 1 (grayscale) or 3 (RGB), got ${String(channels)}`);
  }
  for (const [name, value] of [
    ["zDim", zDim],
    ["generatorWidth", generatorWidth],
    ["discriminatorWidth", discriminatorWidth],
  ] as const) {
    if (!isPositiveInteger(value)) problems.push(`${name} must be a positive integer, got ${String(value)}`);
  }
  if (numClasses !== undefined && (!isPositiveInteger(numClasses) || numClasses < 2 || numClasses > MAX_CLASSES)) {
    problems.push(
      `numClasses must be an integer from 2 to ${MAX_CLASSES} (or absent for an unconditional DCGAN), got ${String(numClasses)}`,
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid DCGAN config: ${problems.join("; ")}.`);
  }
  return config;
}

/** Channels of the generator's feature map at spatial size `size` (4 <= size < imageSize): they halve as the size doubles. */
export function generatorChannelsAt(config: DcganConfig, size: number): number {
  return (config.generatorWidth * config.imageSize) / size;
}

/** Channels of the discriminator's feature map at spatial size `size` (4 <= size <= imageSize / 2): they double as the size halves. */
export function discriminatorChannelsAt(config: DcganConfig, size: number): number {
  return (config.discriminatorWidth * (config.imageSize / 2)) / size;
}

/** Length of the generator's input: z, then the one-hot class of a conditional DCGAN. */
export function generatorInputSize(config: DcganConfig): number {
  return config.zDim + (config.numClasses ?? 0);
}
