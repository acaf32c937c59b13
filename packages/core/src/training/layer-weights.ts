import type { LayerVariable } from "@tensorflow/tfjs-layers";

/** The weight whose name is `suffix` or ends in `/suffix` (tfjs-layers prefixes the layer's name). */
export function findWeight(weights: LayerVariable[], suffix: string): LayerVariable | undefined {
  return weights.find((w) => w.originalName === suffix || w.originalName.endsWith(`/${suffix}`));
}
