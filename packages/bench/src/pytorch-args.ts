import { PRESETS, type DcganConfig, type PresetName } from "@ganvas/core";
import { hiddenChannels } from "./model-shapes";

/**
 * The model-shape arguments of pytorch/dcgan_step.py for a preset, with the layer widths read off core's built
 * models: both sides time the same network.
 */
export async function pytorchShapeArgs(preset: PresetName): Promise<string[]> {
  const { config, batchSize } = PRESETS[preset];
  return shapeArgs(config, batchSize);
}

/** The same arguments for any network core builds (e.g. the one a published version was trained with). */
export async function shapeArgs(config: DcganConfig, batchSize: number): Promise<string[]> {
  const channels = await hiddenChannels(config);
  return [
    ["--image-size", config.imageSize],
    ["--channels", config.channels],
    ["--z-dim", config.zDim],
    ["--generator-channels", channels.generator.join(",")],
    ["--discriminator-channels", channels.discriminator.join(",")],
    ["--batch-size", batchSize],
  ].flatMap(([flag, value]) => [String(flag), String(value)]);
}
