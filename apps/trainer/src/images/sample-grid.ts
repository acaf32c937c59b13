import * as tf from "@tensorflow/tfjs-core";
import type * as tfl from "@tensorflow/tfjs-layers";
import { toImageGrid } from "@ganvas/core";
import { encodePng } from "./png";

/** Runs the generator (inference mode) on `noise` and returns the images as one square PNG grid. */
export async function renderSampleGrid(generator: tfl.LayersModel, noise: tf.Tensor2D): Promise<Buffer> {
  const images = tf.tidy(() => generator.predict(noise) as tf.Tensor4D);
  try {
    const columns = Math.ceil(Math.sqrt(noise.shape[0]));
    return encodePng(await toImageGrid(images, columns));
  } finally {
    images.dispose();
  }
}
