import * as tf from "@tensorflow/tfjs-layers";
import { generatorChannelsAt, validateConfig, type DcganConfig } from "../config";
import { batchNorm } from "./batch-norm";
import { initializeDcganWeights } from "./init";

const KERNEL = 4;

/**
 * The tutorial's generator for any power-of-two size: z -> 4x4 by a 'valid' transposed conv, then
 * transposed convs that double the size and halve the channels, each followed by batch norm and ReLU;
 * the last one maps to the image channels (with bias) and tanh keeps pixels in [-1, 1]. NHWC.
 */
export function buildGenerator(config: DcganConfig, seed: number): tf.LayersModel {
  const { imageSize, channels, zDim } = validateConfig(config);
  const model = tf.sequential({ name: "generator" });
  model.add(tf.layers.reshape({ name: "g_latent", inputShape: [zDim], targetShape: [1, 1, zDim] }));
  for (let size = 4; size < imageSize; size *= 2) {
    model.add(
      tf.layers.conv2dTranspose({
        name: `g_deconv_${size}`,
        filters: generatorChannelsAt(config, size),
        kernelSize: KERNEL,
        // The first layer grows 1x1 to 4x4 (PyTorch padding 0); the others double the size (PyTorch padding 1).
        strides: size === 4 ? 1 : 2,
        padding: size === 4 ? "valid" : "same",
        useBias: false, // batch norm's beta is the bias
        kernelInitializer: "zeros",
      }),
    );
    model.add(batchNorm(`g_bn_${size}`));
    model.add(tf.layers.reLU({ name: `g_relu_${size}` }));
  }
  model.add(
    tf.layers.conv2dTranspose({
      name: "g_deconv_out",
      filters: channels,
      kernelSize: KERNEL,
      strides: 2,
      padding: "same",
      activation: "tanh",
      kernelInitializer: "zeros",
    }),
  );
  initializeDcganWeights(model, seed);
  return model;
}
