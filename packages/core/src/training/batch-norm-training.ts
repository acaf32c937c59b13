import * as tf from "@tensorflow/tfjs-core";
import type { LayerVariable, layers } from "@tensorflow/tfjs-layers";

const CHANNEL_REDUCTION_AXES = [0, 1, 2]; // NHWC: statistics per channel over batch, height and width

function weightNamed(weights: LayerVariable[], suffix: string, layerName: string): LayerVariable {
  const weight = weights.find((w) => w.originalName === suffix || w.originalName.endsWith(`/${suffix}`));
  if (weight === undefined) throw new Error(`Batch norm layer '${layerName}' has no '${suffix}' weight.`);
  return weight;
}

/**
 * Batch norm of an NHWC tensor in training mode, with the closed-form gradient:
 * dx = gamma / sigma * (dy - mean(dy) - x_hat * mean(dy * x_hat)). tfjs-layers' own training path
 * differentiates through moments() and a FusedBatchNorm gradient that tiles 1/sigma to the input's full
 * shape: several times the work. Moving averages follow PyTorch (unbiased batch variance, new-batch weight
 * 1 - the layer's Keras momentum).
 */
export function batchNormInTraining(layer: layers.Layer, x: tf.Tensor): tf.Tensor {
  const { epsilon, momentum } = layer.getConfig() as { epsilon: number; momentum: number };
  const gamma = weightNamed(layer.trainableWeights, "gamma", layer.name);
  const beta = weightNamed(layer.trainableWeights, "beta", layer.name);
  const movingMean = weightNamed(layer.nonTrainableWeights, "moving_mean", layer.name);
  const movingVariance = weightNamed(layer.nonTrainableWeights, "moving_variance", layer.name);
  const perChannel = x.size / (x.shape[3] ?? 1);
  let batchStats: [tf.Tensor, tf.Tensor] | undefined;

  const normalize = tf.customGrad((input, scale, offset, save) => {
    const { mean, variance } = tf.moments(input as tf.Tensor, CHANNEL_REDUCTION_AXES);
    batchStats = [tf.keep(mean), tf.keep(variance)];
    const inverseStd = tf.rsqrt(tf.add(variance, epsilon));
    const normalized = tf.mul(tf.sub(input as tf.Tensor, mean), inverseStd);
    (save as tf.GradSaveFunc)([normalized, inverseStd, scale as tf.Tensor]);
    return {
      value: tf.add(tf.mul(normalized, scale as tf.Tensor), offset as tf.Tensor),
      gradFunc: (dy, saved) => {
        const [xHat, invStd, g] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const dOffset = tf.sum(dy as tf.Tensor, CHANNEL_REDUCTION_AXES);
        const dScale = tf.sum(tf.mul(dy as tf.Tensor, xHat), CHANNEL_REDUCTION_AXES);
        const centered = tf.sub(dy as tf.Tensor, tf.div(dOffset, perChannel));
        const decorrelated = tf.sub(centered, tf.mul(xHat, tf.div(dScale, perChannel)));
        return [tf.mul(decorrelated, tf.mul(g, invStd)), dScale, dOffset];
      },
    };
  });

  const y = normalize(x, gamma.read(), beta.read());
  const [mean, variance] = batchStats!;
  tf.tidy(() => {
    const batchWeight = 1 - momentum;
    const unbiased = tf.mul(variance, perChannel / Math.max(1, perChannel - 1));
    movingMean.write(tf.add(tf.mul(movingMean.read(), momentum), tf.mul(mean, batchWeight)));
    movingVariance.write(tf.add(tf.mul(movingVariance.read(), momentum), tf.mul(unbiased, batchWeight)));
  });
  tf.dispose([mean, variance]);
  return y;
}
