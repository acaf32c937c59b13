import * as tf from "@tensorflow/tfjs-core";

/** Probabilities are kept this far from 0 and 1 so that log() stays finite when D saturates. */
const PROBABILITY_EPSILON = 1e-7;

/**
 * Mean binary cross-entropy of probabilities against a constant target (PyTorch's BCELoss with all-equal
 * labels): -log(p) against 1, -log(1 - p) against 0, and their mix for a soft target in between (one-sided
 * label smoothing trains D towards 0.9 on real images).
 */
export function binaryCrossEntropy(probabilities: tf.Tensor, target: number): tf.Scalar {
  if (!(target >= 0 && target <= 1))
    throw new RangeError(`binaryCrossEntropy: target must be in [0, 1], got ${target}`);
  return tf.tidy(() => {
    const clipped = tf.clipByValue(probabilities, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
    const logLikelihood =
      target === 1
        ? tf.log(clipped)
        : target === 0
          ? tf.log1p(tf.neg(clipped))
          : tf.add(tf.mul(tf.log(clipped), target), tf.mul(tf.log1p(tf.neg(clipped)), 1 - target));
    return tf.neg(tf.mean(logLikelihood));
  });
}
