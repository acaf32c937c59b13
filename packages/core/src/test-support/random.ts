import * as tf from "@tensorflow/tfjs-core";
import { createRng, fillNormal } from "../latent/rng";

/** A tensor of seeded standard normals (pure JS, so identical on every backend). */
export function randomTensor<R extends tf.Rank>(shape: number[], seed: number): tf.Tensor<R> {
  const size = shape.reduce((a, b) => a * b, 1);
  const values: tf.Tensor = tf.tensor(fillNormal(createRng(seed), size), shape, "float32");
  return values as tf.Tensor<R>;
}
