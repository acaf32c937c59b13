import * as tf from "@tensorflow/tfjs-core";
import type { Dataset } from "./dataset";
import { DatasetError } from "./errors";
import { seededRandom, shuffledIndices } from "@ganvas/core";

export interface BatchSourceOptions {
  batchSize: number;
  seed: number;
  /** Leave out the last, smaller batch of an epoch (default true: batch norm prefers equal batches). */
  dropRemainder?: boolean;
  /** Hand out each batch with its images' labels (a conditional DCGAN); the data set must have them. */
  labelled?: boolean;
}

/** A batch with the class of each image (structurally core's `LabelledBatch`). */
export interface DatasetLabelledBatch {
  images: tf.Tensor4D;
  labels: Uint8Array;
}

/** Structurally the `BatchSource` of @ganvas/core. */
export interface DatasetBatchSource<Batch = tf.Tensor4D> {
  batchesPerEpoch: number;
  epoch(epochIndex: number): Iterable<Batch>;
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
export function createBatchSource(
  dataset: Dataset,
  options: BatchSourceOptions & { labelled: true },
): DatasetBatchSource<DatasetLabelledBatch>;
export function createBatchSource(
  dataset: Dataset,
  options: BatchSourceOptions & { labelled?: false },
): DatasetBatchSource;
export function createBatchSource(
  dataset: Dataset,
  options: BatchSourceOptions,
): DatasetBatchSource<tf.Tensor4D | DatasetLabelledBatch>;
export function createBatchSource(
  dataset: Dataset,
  options: BatchSourceOptions,
): DatasetBatchSource<tf.Tensor4D | DatasetLabelledBatch> {
  const { batchSize, seed } = options;
  const dropRemainder = options.dropRemainder ?? true;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new DatasetError("INVALID_OPTION", `Batch size must be a positive integer, got ${batchSize}.`);
  }
  if (!Number.isSafeInteger(seed)) throw new DatasetError("INVALID_OPTION", `Seed must be an integer, got ${seed}.`);
  if (dropRemainder) checkBatchFits(dataset, batchSize);
  const labels = options.labelled ? dataset.labels : undefined;
  if (options.labelled && labels === undefined) {
    throw new DatasetError("INVALID_OPTION", `${dataset.name} has no class labels to hand out with its batches.`);
  }
  const batchesPerEpoch = dropRemainder ? Math.floor(dataset.count / batchSize) : Math.ceil(dataset.count / batchSize);
  const { imageSize, channels, images } = dataset;
  const imageFloats = imageSize * imageSize * channels;

  function* epoch(epochIndex: number): Generator<tf.Tensor4D | DatasetLabelledBatch> {
    const order = shuffledIndices(dataset.count, seededRandom(seed, epochIndex));
    for (let b = 0; b < batchesPerEpoch; b++) {
      const size = Math.min(batchSize, dataset.count - b * batchSize);
      const picked = order.slice(b * batchSize, b * batchSize + size);
      const buffer = new Float32Array(size * imageFloats);
      picked.forEach((index, i) =>
        buffer.set(images.subarray(index * imageFloats, (index + 1) * imageFloats), i * imageFloats),
      );
      const batch = tf.tensor4d(buffer, [size, imageSize, imageSize, channels]);
      yield labels === undefined
        ? batch
        : { images: batch, labels: Uint8Array.from(picked, (index) => labels[index]!) };
    }
  }

  return { batchesPerEpoch, epoch };
}
