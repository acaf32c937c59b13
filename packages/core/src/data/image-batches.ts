import * as tf from "@tensorflow/tfjs-core";
import { shuffledIndices } from "../latent/rng";
import { seededRandom } from "./epoch-random";

/** Training images already at the model's size: count * imageSize * imageSize * channels floats in [-1, 1], NHWC. */
export type TrainingImages = { count: number; imageSize: number; channels: number; images: Float32Array };

export type ImageBatchOptions = {
  batchSize: number;
  seed: number;
  /** Leave out the last, smaller batch of an epoch (default true: batch norm prefers equal batches). */
  dropRemainder?: boolean;
};

/** A BatchSource of plain (unlabelled) batches. */
export type ImageBatchSource = { batchesPerEpoch: number; epoch(epochIndex: number): Iterable<tf.Tensor4D> };

/**
 * Batches of the images, shuffled per epoch: the order depends only on (seed, epoch), so a resumed run, and
 * a run in the browser, see the same batches as the trainer. Each batch is a new tensor that the consumer
 * disposes; batches are made lazily, one at a time. The caller checks the options (a positive batch size no
 * larger than the images when dropping the remainder, a safe-integer seed).
 */
export function imageBatches(data: TrainingImages, options: ImageBatchOptions): ImageBatchSource {
  const { batchSize, seed } = options;
  const { count, imageSize, channels, images } = data;
  const dropRemainder = options.dropRemainder ?? true;
  const batchesPerEpoch = dropRemainder ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);
  const imageFloats = imageSize * imageSize * channels;

  function* epoch(epochIndex: number): Generator<tf.Tensor4D> {
    const order = shuffledIndices(count, seededRandom(seed, epochIndex));
    for (let b = 0; b < batchesPerEpoch; b++) {
      const size = Math.min(batchSize, count - b * batchSize);
      const buffer = new Float32Array(size * imageFloats);
      for (let i = 0; i < size; i++) {
        const source = order[b * batchSize + i]! * imageFloats;
        buffer.set(images.subarray(source, source + imageFloats), i * imageFloats);
      }
      yield tf.tensor4d(buffer, [size, imageSize, imageSize, channels]);
    }
  }

  return { batchesPerEpoch, epoch };
}
