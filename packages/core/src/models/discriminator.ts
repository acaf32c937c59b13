import * as tf from "@tensorflow/tfjs-layers";
import { discriminatorChannelsAt, validateConfig, type DcganConfig } from "../config";
import { batchNorm } from "./batch-norm";
import { initializeDcganWeights } from "./init";

const KERNEL = 4;
const LEAK = 0.2;

/**
 * How a conditional discriminator sees the class: "projection" gives its last conv one output per class
 * beside the shared one (logit = shared + the requested class's, a projection discriminator whose class
 * embedding is a 4x4 kernel over the last features); "channels" appends the one-hot class to the image as
 * constant channels.
 */
export type DiscriminatorConditioning = "projection" | "channels";

/**
 * The tutorial's discriminator for any power-of-two size: strided convs halve the size and double the
 * channels down to 4x4 (the first without batch norm, as in the paper), LeakyReLU(0.2) throughout, then a
 * 4x4 'valid' conv to one logit and a sigmoid. Output [N, 1] probabilities. NHWC.
 * Conditional (config.numClasses): with "channels" the input has numClasses more channels (the one-hot
 * class, constant over the image); with "projection" the output is [N, 1 + numClasses] logits, no sigmoid.
 */
export function buildDiscriminator(
  config: DcganConfig,
  seed: number,
  conditioning: DiscriminatorConditioning = "projection",
): tf.LayersModel {
  const { imageSize, channels, numClasses = 0 } = validateConfig(config);
  const extraChannels = conditioning === "channels" ? numClasses : 0;
  const extraOutputs = conditioning === "projection" ? numClasses : 0;
  const model = tf.sequential({ name: "discriminator" });
  for (let size = imageSize / 2; size >= 4; size /= 2) {
    const first = size === imageSize / 2;
    model.add(
      tf.layers.conv2d({
        name: `d_conv_${size}`,
        ...(first ? { inputShape: [imageSize, imageSize, channels + extraChannels] } : {}),
        filters: discriminatorChannelsAt(config, size),
        kernelSize: KERNEL,
        strides: 2,
        padding: "same", // PyTorch padding 1 for a 4x4 kernel with stride 2
        useBias: first, // batch norm's beta is the bias of the others
        kernelInitializer: "zeros",
      }),
    );
    if (!first) model.add(batchNorm(`d_bn_${size}`));
    model.add(tf.layers.leakyReLU({ name: `d_lrelu_${size}`, alpha: LEAK }));
  }
  model.add(
    tf.layers.conv2d({
      name: "d_conv_out",
      filters: 1 + extraOutputs,
      kernelSize: KERNEL,
      padding: "valid",
      // The projection's logits are combined per class before the sigmoid.
      activation: extraOutputs > 0 ? "linear" : "sigmoid",
      kernelInitializer: "zeros",
    }),
  );
  model.add(tf.layers.flatten({ name: "d_flatten" }));
  initializeDcganWeights(model, seed);
  return model;
}
