import * as tf from "@tensorflow/tfjs-core";
import type * as tfl from "@tensorflow/tfjs-layers";
import { toImageGrid } from "@ganvas/core";
import { encodePng } from "./png";

/**
 * Runs the generator (inference mode) on its inputs (latents, with class codes for a conditional one) and
 * returns the images as one PNG grid, `columns` wide (default: square).
 */
export async function renderSampleGrid(
  generator: tfl.LayersModel,
  input: tf.Tensor2D,
  columns = Math.ceil(Math.sqrt(input.shape[0])),
): Promise<Buffer> {
  const images = tf.tidy(() => generator.predict(input) as tf.Tensor4D);
  try {
    return encodePng(await toImageGrid(images, columns));
  } finally {
    images.dispose();
  }
}
