import * as tf from "@tensorflow/tfjs-core";
import type { DiscriminatorConditioning } from "../models/discriminator";

/** The one-hot rows [N, numClasses] of a batch's labels, after checking each is a class of the model. */
export function oneHotClasses(labels: ArrayLike<number>, numClasses: number): tf.Tensor2D {
  const indices = Int32Array.from(labels);
  const bad = indices.findIndex((label, i) => label !== labels[i] || label < 0 || label >= numClasses);
  if (bad >= 0) {
    throw new RangeError(
      `Label ${String(labels[bad])} (batch position ${bad}) is not a class of this model: labels are integers from 0 to ${numClasses - 1}.`,
    );
  }
  // Built here, not with tf.oneHot: tfjs-wasm 4.22's OneHot ignores its dtype and writes int32 bits into a
  // float32 tensor (a 1 reads as 1.4e-45), which left the wasm and onnxruntime backends blind to the class.
  const rows = new Float32Array(indices.length * numClasses);
  indices.forEach((label, i) => (rows[i * numClasses + label] = 1));
  return tf.tensor2d(rows, [indices.length, numClasses]);
}

/** The generator's input: each latent row followed by its one-hot class. */
export function generatorInput(noise: tf.Tensor2D, classes: tf.Tensor2D | undefined): tf.Tensor2D {
  return classes === undefined ? noise : tf.concat([noise, classes], 1);
}

/**
 * D's probability that each image is real, for its class. `run` is the discriminator's forward pass.
 * "channels": the one-hot class joins the image as constant channels. "projection": D's outputs are a shared
 * logit and one per class; the requested class's is added to the shared one before the sigmoid.
 */
export function discriminate(
  run: (input: tf.Tensor) => tf.Tensor,
  images: tf.Tensor4D,
  classes: tf.Tensor2D | undefined,
  conditioning: DiscriminatorConditioning,
): tf.Tensor {
  if (classes === undefined) return run(images);
  const [count, height, width] = images.shape;
  const numClasses = classes.shape[1];
  if (conditioning === "channels") {
    const maps = tf.broadcastTo(tf.reshape(classes, [count, 1, 1, numClasses]), [count, height, width, numClasses]);
    return run(tf.concat([images, maps], 3));
  }
  const logits = run(images) as tf.Tensor2D;
  const shared = tf.slice(logits, [0, 0], [count, 1]);
  const perClass = tf.slice(logits, [0, 1], [count, numClasses]);
  return tf.sigmoid(tf.add(shared, tf.sum(tf.mul(perClass, classes), 1, true)));
}
