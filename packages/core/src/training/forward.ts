import type * as tf from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { foldableActivation } from "./activation-layers";
import { batchNormInTraining } from "./batch-norm-training";
import { convInTraining } from "./conv-training";
import { leakyReluInTraining } from "./leaky-relu-training";

/**
 * Runs a sequential model layer by layer in training mode: convs go through tfjs's plain ops (gradients
 * only where needed, see convInTraining), batch norm uses the batch's statistics with a cheaper gradient
 * (batchNormInTraining) and updates its moving averages, the activation right after either is folded into
 * it, a lone LeakyReLU gets a cheaper gradient; other layers run as they are.
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
      continue;
    }
    if (className === "LeakyReLU") {
      x = leakyReluInTraining(x, foldableActivation(layer)!.leakyreluAlpha);
      continue;
    }
    const conv = convInTraining(layer, x, all[i + 1]);
    if (conv !== undefined) {
      x = conv.y;
      if (conv.foldedNext) i++;
      continue;
    }
    x = layer.apply(x, { training: true }) as tf.Tensor;
  }
  return x;
}
