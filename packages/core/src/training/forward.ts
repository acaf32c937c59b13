import * as tf from "@tensorflow/tfjs-core";
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

type ConvConfig = {
  strides: [number, number];
  padding: "same" | "valid";
  dataFormat: "channelsLast" | "channelsFirst";
  dilationRate: number | [number, number];
  useBias: boolean;
  activation: string;
};

/**
 * A conv layer without bias or activation as tfjs's plain conv2d op. tfjs-layers runs every conv through
 * tf.fused.conv2d, whose gradient computes the input, filter and bias gradients all at once, wanted or not:
 * the generator's update then paid for every discriminator filter gradient, which only the discriminator's
 * update needs. The plain op's gradient is per input, and the tape skips the ones nothing asked for.
 * Layers with a bias or an activation keep the fused path (a separate bias add costs a slow broadcast pass).
 */
function plainConv(layer: layers.Layer, x: tf.Tensor): tf.Tensor | undefined {
  if (layer.getClassName() !== "Conv2D") return undefined;
  const config = layer.getConfig() as unknown as ConvConfig;
  if (config.useBias || config.activation !== "linear" || config.dataFormat !== "channelsLast") return undefined;
  const [kernel] = layer.trainableWeights;
  if (kernel === undefined || layer.trainableWeights.length !== 1) return undefined;
  return tf.conv2d(x as tf.Tensor4D, kernel.read() as tf.Tensor4D, config.strides, config.padding, "NHWC", config.dilationRate);
}

/**
 * Runs a sequential model layer by layer in training mode: batch norm uses the batch's statistics (with a
 * cheaper gradient, see batchNormInTraining) and takes the activation after it in the same step, LeakyReLU
 * gets a cheaper gradient, plain convs skip gradients nobody needs, and moving averages are updated; other
 * layers run as they are.
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
      x = plainConv(layer, x) ?? (layer.apply(x, { training: true }) as tf.Tensor);
    }
  }
  return x;
}
