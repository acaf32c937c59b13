import * as tf from "@tensorflow/tfjs-core";
import type { layers } from "@tensorflow/tfjs-layers";
import { isActivation } from "../kernels/activations";
import { foldableActivation } from "./activation-layers";
import { biasActivationInTraining, hasBiasActivationKernels } from "./bias-activation-training";
import { findWeight } from "./layer-weights";

type ConvConfig = {
  strides: [number, number];
  padding: "same" | "valid";
  dataFormat: "channelsLast" | "channelsFirst";
  dilationRate?: number | [number, number];
  useBias: boolean;
  activation: string;
};

/**
 * A conv or transposed conv layer in training mode through tfjs's plain ops, whose gradient is computed per
 * input and only where something needs it. tfjs-layers runs every Conv2D through tf.fused.conv2d, whose
 * gradient computes the input, filter and bias gradients all at once: the generator's update paid for every
 * discriminator filter gradient, and the discriminator's for the gradient of its input images. A bias and
 * the layer's activation (or a ReLU / LeakyReLU layer right after, then `foldedNext`) go through the fused
 * bias + activation kernels where the backend has them (wasm); without them (cpu, webgl) a conv with a bias
 * keeps tfjs's fused path rather than pay a separate broadcast pass for the bias. Undefined: run the layer
 * as it is.
 */
export function convInTraining(
  layer: layers.Layer,
  x: tf.Tensor,
  next: layers.Layer | undefined,
): { y: tf.Tensor; foldedNext: boolean } | undefined {
  const className = layer.getClassName();
  if (className !== "Conv2D" && className !== "Conv2DTranspose") return undefined;
  const config = layer.getConfig() as unknown as ConvConfig;
  const kernel = findWeight(layer.trainableWeights, "kernel");
  if (config.dataFormat !== "channelsLast" || kernel === undefined) return undefined;
  const conv = () =>
    className === "Conv2D"
      ? tf.conv2d(
          x as tf.Tensor4D,
          kernel.read() as tf.Tensor4D,
          config.strides,
          config.padding,
          "NHWC",
          config.dilationRate ?? 1,
        )
      : tf.conv2dTranspose(
          x as tf.Tensor4D,
          kernel.read() as tf.Tensor4D,
          layer.computeOutputShape(x.shape) as [number, number, number, number],
          config.strides,
          config.padding,
        );

  if (!config.useBias) {
    // tfjs-layers' transposed conv already uses the plain op; a bias-free conv with an activation is rare.
    if (className !== "Conv2D" || config.activation !== "linear") return undefined;
    return { y: conv(), foldedNext: false };
  }
  const bias = findWeight(layer.trainableWeights, "bias");
  if (bias === undefined || !hasBiasActivationKernels()) return undefined;
  const following = config.activation === "linear" ? foldableActivation(next) : undefined;
  const activation = following?.activation ?? config.activation;
  if (!isActivation(activation)) return undefined;
  const y = biasActivationInTraining(conv(), bias.read(), {
    activation,
    leakyreluAlpha: following?.leakyreluAlpha ?? 0,
  });
  return { y, foldedNext: following !== undefined };
}
