import * as tf from "@tensorflow/tfjs-layers";

/**
 * Batch norm with PyTorch's defaults: its momentum 0.1 weighs the new batch, Keras' momentum weighs the old
 * average, so 0.9 here; epsilon 1e-5 rather than Keras' 1e-3.
 */
export function batchNorm(name: string): tf.layers.Layer {
  return tf.layers.batchNormalization({
    name,
    momentum: 0.9,
    epsilon: 1e-5,
    gammaInitializer: "ones",
    betaInitializer: "zeros",
  });
}
