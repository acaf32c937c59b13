import * as tf from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { findWeight } from "../training/layer-weights";

const CHANNEL_AXES = [0, 1, 2]; // NHWC: per channel over batch, height and width

/**
 * Sets every batch-norm layer's moving mean and variance to the statistics its input has over `input` (one
 * large batch), layer after layer, for the weights the model has now. Weights that were averaged or copied
 * in never produced the moving statistics the model carries: sampled with those, an averaged generator draws
 * noise. The variance is the unbiased one, as in training. Inference then normalises like training does on
 * that batch.
 */
export function recomputeBatchNormStatistics(model: LayersModel, input: tf.Tensor): void {
  tf.tidy(() => {
    let x = input;
    for (const layer of model.layers) {
      if (layer.getClassName() === "BatchNormalization") {
        const { mean, variance } = tf.moments(x, CHANNEL_AXES);
        const n = x.size / mean.size;
        findWeight(layer.nonTrainableWeights, "moving_mean")!.write(mean);
        findWeight(layer.nonTrainableWeights, "moving_variance")!.write(tf.mul(variance, n / (n - 1)));
      }
      x = layer.apply(x, { training: false }) as tf.Tensor;
    }
  });
}
