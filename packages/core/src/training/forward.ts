import type * as tf from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { batchNormInTraining } from "./batch-norm-training";

/**
 * Runs a sequential model layer by layer in training mode: batch norm uses the batch's statistics (with a
 * cheaper gradient, see batchNormInTraining) and updates its moving averages; other layers run as they are.
 */
export function forwardInTraining(model: LayersModel, input: tf.Tensor): tf.Tensor {
  let x = input;
  for (const layer of model.layers) {
    x =
      layer.getClassName() === "BatchNormalization"
        ? batchNormInTraining(layer, x)
        : (layer.apply(x, { training: true }) as tf.Tensor);
  }
  return x;
}
