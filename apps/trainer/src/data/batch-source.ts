import * as tf from "@tensorflow/tfjs-core";
import type { Dataset } from "./dataset";
import { DatasetError } from "./errors";
import { seededRandom, shuffledIndices } from "./prng";

export interface BatchSourceOptions {
  batchSize: number;
  seed: number;
  /** Leave out the last, smaller batch of an epoch (default true: batch norm prefers equal batches). */
  dropRemainder?: boolean;
}

/** Structurally the `BatchSource` of @ganvas/core. */
export interface DatasetBatchSource {
  batchesPerEpoch: number;
  epoch(epochIndex: number): Iterable<tf.Tensor4D>;
}

/**
 * Batches of the data set's training images, shuffled per epoch: the order depends only on
 * (seed, epoch), so a resumed run sees the same batches. Each batch is a new tensor that the
 * consumer disposes; batches are made lazily, one at a time.
 */
export function createBatchSource(dataset: Dataset, options: BatchSourceOptions): DatasetBatchSource {
  const { batchSize, seed } = options;
  const dropRemainder = options.dropRemainder ?? true;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new DatasetError("INVALID_OPTION", `Batch size must be a positive integer, got ${batchSize}.`);
  }
  if (!Number.isSafeInteger(seed)) throw new DatasetError("INVALID_OPTION", `Seed must be an integer, got ${seed}.`);
  const batchesPerEpoch = dropRemainder ? Math.floor(dataset.count / batchSize) : Math.ceil(dataset.count / batchSize);
  if (batchesPerEpoch === 0) {
    throw new DatasetError(
      "TOO_SMALL",
      `Data set ${dataset.name} has ${dataset.count} images, fewer than one batch of ${batchSize}: lower the batch size.`,
    );
  }
  const { imageSize, channels, images } = dataset;
  const imageFloats = imageSize * imageSize * channels;

  function* epoch(epochIndex: number): Generator<tf.Tensor4D> {
    const order = shuffledIndices(dataset.count, seededRandom(seed, epochIndex));
    for (let b = 0; b < batchesPerEpoch; b++) {
      const size = Math.min(batchSize, dataset.count - b * batchSize);
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
