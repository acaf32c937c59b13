import * as tf from "@tensorflow/tfjs-core";
import type { LayerVariable, layers } from "@tensorflow/tfjs-layers";
import type { ActivationAttrs, PiecewiseLinearActivation } from "../kernels/activations";
import {
  BATCH_NORM_BACKWARD,
  BATCH_NORM_FORWARD,
  type BatchNormBackwardAttrs,
  type BatchNormForwardAttrs,
} from "../kernels/kernel-names";
import { findWeight } from "./layer-weights";

const CHANNEL_REDUCTION_AXES = [0, 1, 2]; // NHWC: statistics per channel over batch, height and width

/** The activation that follows a batch norm layer, folded into it. */
export type FollowingActivation = ActivationAttrs<PiecewiseLinearActivation>;

const LINEAR: FollowingActivation = { activation: "linear", leakyreluAlpha: 0 };

function weightNamed(weights: LayerVariable[], suffix: string, layerName: string): LayerVariable {
  const weight = findWeight(weights, suffix);
  if (weight === undefined) throw new Error(`Batch norm layer '${layerName}' has no '${suffix}' weight.`);
  return weight;
}

type BatchNormWeights = {
  gamma: LayerVariable;
  beta: LayerVariable;
  movingMean: LayerVariable;
  movingVariance: LayerVariable;
};
type BatchNormSettings = { epsilon: number; momentum: number };

/**
 * Batch norm of an NHWC tensor in training mode, then `following` (ReLU or LeakyReLU, folded in), with the
 * closed-form gradient dx = gamma / sigma * (dz - mean(dz) - x_hat * mean(dz * x_hat)). tfjs-layers' own
 * training path differentiates through moments() and a FusedBatchNorm gradient that tiles 1/sigma to the
 * input's full shape: several times the work. Moving averages follow PyTorch (unbiased batch variance,
 * new-batch weight 1 - the layer's Keras momentum). Where the backend has core's fused kernels (wasm, cpu)
 * the whole layer is two kernel calls; elsewhere it is composed from tfjs ops.
 */
export function batchNormInTraining(
  layer: layers.Layer,
  x: tf.Tensor,
  following: FollowingActivation = LINEAR,
): tf.Tensor {
  const settings = layer.getConfig() as BatchNormSettings;
  const weights: BatchNormWeights = {
    gamma: weightNamed(layer.trainableWeights, "gamma", layer.name),
    beta: weightNamed(layer.trainableWeights, "beta", layer.name),
    movingMean: weightNamed(layer.nonTrainableWeights, "moving_mean", layer.name),
    movingVariance: weightNamed(layer.nonTrainableWeights, "moving_variance", layer.name),
  };
  return tf.getKernel(BATCH_NORM_FORWARD, tf.getBackend()) !== undefined
    ? fusedBatchNorm(x, weights, settings, following)
    : composedBatchNorm(x, weights, settings, following);
}

function fusedBatchNorm(
  x: tf.Tensor,
  weights: BatchNormWeights,
  { epsilon, momentum }: BatchNormSettings,
  following: FollowingActivation,
): tf.Tensor {
  const forwardAttrs: BatchNormForwardAttrs = { epsilon, momentum, ...following };
  const backwardAttrs: BatchNormBackwardAttrs = following;
  let movingAverages: tf.Tensor[] = [];
  const normalize = tf.customGrad((input, gamma, beta, save) => {
    const kernelInputs = {
      x: input as tf.Tensor,
      gamma: gamma as tf.Tensor,
      beta: beta as tf.Tensor,
      movingMean: weights.movingMean.read(),
      movingVariance: weights.movingVariance.read(),
    };
    const [y, xHat, inverseStd, newMean, newVariance] = tf
      .engine()
      .runKernel(BATCH_NORM_FORWARD, kernelInputs, forwardAttrs) as tf.Tensor[];
    movingAverages = [tf.keep(newMean!), tf.keep(newVariance!)];
    (save as tf.GradSaveFunc)([y!, xHat!, gamma as tf.Tensor, inverseStd!]);
    return {
      value: y!,
      gradFunc: (dy, saved) => {
        const [savedY, savedXHat, savedGamma, savedInverseStd] = saved as tf.Tensor[];
        const gradientInputs = {
          dy: dy as tf.Tensor,
          y: savedY!,
          xHat: savedXHat!,
          gamma: savedGamma!,
          inverseStd: savedInverseStd!,
        };
        return tf.engine().runKernel(BATCH_NORM_BACKWARD, gradientInputs, backwardAttrs) as tf.Tensor[];
      },
    };
  });
  const y = normalize(x, weights.gamma.read(), weights.beta.read());
  weights.movingMean.write(movingAverages[0]!);
  weights.movingVariance.write(movingAverages[1]!);
  tf.dispose(movingAverages);
  return y;
}

function composedBatchNorm(
  x: tf.Tensor,
  weights: BatchNormWeights,
  { epsilon, momentum }: BatchNormSettings,
  following: FollowingActivation,
): tf.Tensor {
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

  const z = normalize(x, weights.gamma.read(), weights.beta.read());
  const [mean, variance] = batchStats!;
  tf.tidy(() => {
    const batchWeight = 1 - momentum;
    const unbiased = tf.mul(variance, perChannel / Math.max(1, perChannel - 1));
    weights.movingMean.write(tf.add(tf.mul(weights.movingMean.read(), momentum), tf.mul(mean, batchWeight)));
    weights.movingVariance.write(
      tf.add(tf.mul(weights.movingVariance.read(), momentum), tf.mul(unbiased, batchWeight)),
    );
  });
  tf.dispose([mean, variance]);
  if (following.activation === "linear") return z;
  const y = following.activation === "relu" ? tf.relu(z) : tf.leakyRelu(z, following.leakyreluAlpha);
  z.dispose();
  return y;
}
