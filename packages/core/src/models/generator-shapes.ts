import { generatorChannelsAt, validateConfig, type DcganConfig } from "../config";

/** One weight of a saved generator, as its model.json's weights manifest names and shapes it. */
export type WeightShape = { name: string; shape: number[] };

const KERNEL = 4;

/**
 * The weights of the generator `buildGenerator(config)` makes, in the order a saved model lists them (tfjs saves
 * the trainable weights layer by layer, then the batch norms' moving statistics), without building it (no tfjs):
 * what a server checks an uploaded generator against. A test checks it against the built model's saved weights.
 * Throws a ConfigError for a config that builds no DCGAN.
 */
export function generatorWeightShapes(config: DcganConfig): WeightShape[] {
  const { imageSize, channels, zDim } = validateConfig(config);
  const trainable: WeightShape[] = [];
  const statistics: WeightShape[] = [];
  let inputs = zDim;
  for (let size = 4; size < imageSize; size *= 2) {
    const filters = generatorChannelsAt(config, size);
    trainable.push({ name: `g_deconv_${size}/kernel`, shape: [KERNEL, KERNEL, filters, inputs] });
    trainable.push({ name: `g_bn_${size}/gamma`, shape: [filters] }, { name: `g_bn_${size}/beta`, shape: [filters] });
    statistics.push(
      { name: `g_bn_${size}/moving_mean`, shape: [filters] },
      { name: `g_bn_${size}/moving_variance`, shape: [filters] },
    );
    inputs = filters;
  }
  trainable.push({ name: "g_deconv_out/kernel", shape: [KERNEL, KERNEL, channels, inputs] });
  trainable.push({ name: "g_deconv_out/bias", shape: [channels] });
  return [...trainable, ...statistics];
}
