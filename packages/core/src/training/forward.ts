import type * as tf from "@tensorflow/tfjs-core";
import type { LayersModel, layers } from "@tensorflow/tfjs-layers";
import { batchNormInTraining, type FollowingActivation } from "./batch-norm-training";
import { leakyReluInTraining } from "./leaky-relu-training";

/** The activation a layer applies, where it is one batch norm can fold in (a plain ReLU or a LeakyReLU). */
function foldableActivation(layer: layers.Layer | undefined): FollowingActivation | undefined {
  const name = layer?.getClassName();
  const config = layer?.getConfig() as { alpha?: number; maxValue?: number | null } | undefined;
  if (name === "ReLU" && config?.maxValue == null) return { activation: "relu", leakyreluAlpha: 0 };
  if (name === "LeakyReLU") return { activation: "leakyrelu", leakyreluAlpha: config?.alpha ?? 0.3 };
  return undefined;
}

/**
 * Runs a sequential model layer by layer in training mode: batch norm uses the batch's statistics (with a
 * cheaper gradient, see batchNormInTraining) and takes the activation after it in the same step, LeakyReLU
 * gets a cheaper gradient, and moving averages are updated; other layers run as they are.
 */
export function forwardInTraining(model: LayersModel, input: tf.Tensor): tf.Tensor {
  let x = input;
  const all = model.layers;
  for (let i = 0; i < all.length; i++) {
    const layer = all[i]!;
    const className = layer.getClassName();
    if (className === "BatchNormalization") {
      const following = foldableActivation(all[i + 1]);
      x = batchNormInTraining(layer, x, following);
      if (following !== undefined) i++;
    } else if (className === "LeakyReLU") {
      x = leakyReluInTraining(x, foldableActivation(layer)!.leakyreluAlpha);
    } else {
      x = layer.apply(x, { training: true }) as tf.Tensor;
    }
  }
  return x;
}
