import * as tfc from "@tensorflow/tfjs-core";
import type * as tf from "@tensorflow/tfjs-layers";
import { createRng, shuffledIndices } from "@ganvas/core";
import { shiftImages } from "./augment";
import { checkBatchSize, imageCount, imageShape } from "./image-input";

export interface EvaluatorEpoch {
  epoch: number;
  /** Mean training loss and accuracy over the epoch's batches. */
  loss: number;
  accuracy: number;
}

export interface TrainEvaluatorOptions {
  model: tf.LayersModel;
  /** NHWC images in [-1, 1], flattened; the shape comes from the model's input. */
  images: Float32Array;
  labels: Uint8Array;
  epochs: number;
  batchSize: number;
  /** Seeds the per-epoch shuffle. */
  seed: number;
  learningRate?: number;
  /** Random shifts of up to this many pixels augment each training batch (0 turns it off). */
  maxShift?: number;
  onEpochEnd?: (epoch: EvaluatorEpoch) => void | Promise<void>;
}

/** Adam + sparse categorical cross-entropy, one seeded shuffle per epoch. Returns the last epoch's figures. */
export async function trainEvaluator(options: TrainEvaluatorOptions): Promise<EvaluatorEpoch> {
  const { model, images, labels, epochs, batchSize, seed, learningRate = 1e-3, maxShift = 2, onEpochEnd } = options;
  const shape = imageShape(model);
  const count = imageCount(images, shape, "trainEvaluator");
  if (labels.length !== count) {
    throw new RangeError(`trainEvaluator: ${count} images but ${labels.length} labels; pass one label per image`);
  }
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new RangeError(`trainEvaluator: epochs must be >= 1, got ${epochs}`);
  checkBatchSize(batchSize, "trainEvaluator");
  // The model does not own an optimizer instance passed to compile: dispose it here, or each call leaks
  // Adam's moment tensors.
  const optimizer = tfc.train.adam(learningRate);
  try {
    model.compile({ optimizer, loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    const rng = createRng(seed);
    let last: EvaluatorEpoch = { epoch: -1, loss: Number.NaN, accuracy: Number.NaN };
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = shuffledIndices(count, () => rng.next());
      const augment = (batch: Float32Array) =>
        maxShift > 0 ? shiftImages(batch, shape, maxShift, () => rng.next()) : batch;
      last = { epoch, ...(await trainEpoch(model, images, labels, shape, order, batchSize, augment)) };
      await onEpochEnd?.(last);
    }
    return last;
  } finally {
    optimizer.dispose();
  }
}

async function trainEpoch(
  model: tf.LayersModel,
  images: Float32Array,
  labels: Uint8Array,
  shape: [number, number, number],
  order: Uint32Array,
  batchSize: number,
  augment: (batch: Float32Array) => Float32Array,
): Promise<{ loss: number; accuracy: number }> {
  const pixels = shape.reduce((a, b) => a * b);
  let lossSum = 0;
  let accuracySum = 0;
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.subarray(start, start + batchSize);
    const x = tfc.tensor4d(augment(gatherRows(images, batch, pixels)), [batch.length, ...shape]);
    const y = tfc.tensor1d(Float32Array.from(batch, (i) => labels[i]!));
    try {
      const [loss, accuracy] = (await model.trainOnBatch(x, y)) as number[];
      lossSum += loss! * batch.length;
      accuracySum += accuracy! * batch.length;
    } finally {
      x.dispose();
      y.dispose();
    }
  }
  return { loss: lossSum / order.length, accuracy: accuracySum / order.length };
}

function gatherRows(images: Float32Array, rows: Uint32Array, pixels: number): Float32Array {
  const out = new Float32Array(rows.length * pixels);
  rows.forEach((row, i) => out.set(images.subarray(row * pixels, (row + 1) * pixels), i * pixels));
  return out;
}
