import * as tf from "@tensorflow/tfjs-core";

/**
 * LeakyReLU with a two-kernel gradient, dy * step(x, alpha). tfjs's own builds a mask with Greater against a
 * broadcast zero, then Select and Multiply: on wasm those took about 2 ms per call on a discriminator
 * activation against 0.3 ms for Step.
 */
export function leakyReluInTraining(x: tf.Tensor, alpha: number): tf.Tensor {
  const leaky = tf.customGrad((input, save) => {
    (save as tf.GradSaveFunc)([input as tf.Tensor]);
    return {
      value: tf.leakyRelu(input as tf.Tensor, alpha),
      gradFunc: (dy, [saved]) => tf.mul(dy as tf.Tensor, tf.step(saved!, alpha)),
    };
  });
  return leaky(x);
}
