import type { LayersModel } from "@tensorflow/tfjs-layers";
import { buildDiscriminator, buildGenerator, type DcganConfig } from "@ganvas/core";
import { useCpuBackend } from "./parent-backend";

export type HiddenChannels = { generator: number[]; discriminator: number[] };

/** Filters of every conv layer of `className` but the last (the output layer, whose width is fixed). */
function hiddenFilters(model: LayersModel, className: string): number[] {
  const filters = model.layers
    .filter((layer) => layer.getClassName() === className)
    .map((layer) => Number(layer.getConfig()["filters"]));
  return filters.slice(0, -1);
}

/**
 * The channel widths core really builds for a config, read off its models, so the PyTorch reference is
 * the same network even if core's width rule changes.
 */
export async function hiddenChannels(config: DcganConfig): Promise<HiddenChannels> {
  await useCpuBackend();
  const generator = buildGenerator(config, 1);
  const discriminator = buildDiscriminator(config, 1);
  const shapes = {
    generator: hiddenFilters(generator, "Conv2DTranspose"),
    discriminator: hiddenFilters(discriminator, "Conv2D"),
  };
  generator.dispose();
  discriminator.dispose();
  return shapes;
}
