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

/** Every epoch needs at least one whole batch: checked before a run starts (and again by the batch source). */
export function checkBatchFits(dataset: Pick<Dataset, "name" | "count">, batchSize: number): void {
  if (batchSize <= dataset.count) return;
  throw new DatasetError(
    "TOO_SMALL",
    `--batch-size ${batchSize} is more than the ${dataset.count} training images of ${dataset.name}: use --batch-size ${dataset.count} or less, or add images.`,
  );
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
  if (dropRemainder) checkBatchFits(dataset, batchSize);
  const batchesPerEpoch = dropRemainder ? Math.floor(dataset.count / batchSize) : Math.ceil(dataset.count / batchSize);
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
