import * as tf from "@tensorflow/tfjs-layers";
import { generatorChannelsAt, generatorInputSize, validateConfig, type DcganConfig } from "../config";
import { batchNorm } from "./batch-norm";
import { initializeDcganWeights } from "./init";

const KERNEL = 4;

/**
 * The tutorial's generator for any power-of-two size: z -> 4x4 by a 'valid' transposed conv, then
 * transposed convs that double the size and halve the channels, each followed by batch norm and ReLU;
 * the last one maps to the image channels (with bias) and tanh keeps pixels in [-1, 1]. NHWC.
 * A conditional generator (config.numClasses) takes z followed by a one-hot class, joined before the first
 * transposed conv: that conv is linear in its input, so the one-hot adds a learned per-class 4x4 map (a class
 * embedding) to z's projection, and a blend of two one-hots blends the two embeddings.
 */
export function buildGenerator(config: DcganConfig, seed: number): tf.LayersModel {
  const { imageSize, channels } = validateConfig(config);
  const inputSize = generatorInputSize(config);
  const model = tf.sequential({ name: "generator" });
  model.add(tf.layers.reshape({ name: "g_latent", inputShape: [inputSize], targetShape: [1, 1, inputSize] }));
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
