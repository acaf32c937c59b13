import * as tf from "@tensorflow/tfjs-core";

/** Probabilities are kept this far from 0 and 1 so that log() stays finite when D saturates. */
const PROBABILITY_EPSILON = 1e-7;

/** Mean binary cross-entropy of probabilities against a constant target (PyTorch's BCELoss with all-0 or all-1 labels). */
export function binaryCrossEntropy(probabilities: tf.Tensor, target: 0 | 1): tf.Scalar {
  return tf.tidy(() => {
    const clipped = tf.clipByValue(probabilities, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
    const logLikelihood = target === 1 ? tf.log(clipped) : tf.log1p(tf.neg(clipped));
    return tf.neg(tf.mean(logLikelihood));
  });
}
