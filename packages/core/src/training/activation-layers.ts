import type { layers } from "@tensorflow/tfjs-layers";
import type { Activation, ActivationAttrs } from "../kernels/activations";

/** ReLU or LeakyReLU, the activations the layer before (batch norm, a conv's bias) can fold in. */
export type FoldableActivation = ActivationAttrs<Extract<Activation, "relu" | "leakyrelu">>;

/** The activation `layer` applies, where it is a plain ReLU or a LeakyReLU layer. */
export function foldableActivation(layer: layers.Layer | undefined): FoldableActivation | undefined {
  const name = layer?.getClassName();
  const config = layer?.getConfig() as { alpha?: number; maxValue?: number | null } | undefined;
  if (name === "ReLU" && config?.maxValue == null) return { activation: "relu", leakyreluAlpha: 0 };
  if (name === "LeakyReLU") return { activation: "leakyrelu", leakyreluAlpha: config?.alpha ?? 0.3 };
  return undefined;
}
