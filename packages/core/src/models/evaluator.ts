import * as tfc from "@tensorflow/tfjs-core";
import * as tf from "@tensorflow/tfjs-layers";
import { createRng } from "../latent/rng";
import { shiftImages } from "./augment";

/**
 * The quality score's evaluator: a small LeNet-like digit classifier trained on the data set. Its
 * penultimate activations are the feature space of the classifier-space Fréchet distance (not comparable
 * with Inception FID), its predictions give the class histogram of generated samples (mode coverage).
 * Inputs are NHWC images in [-1, 1], like the generator's outputs.
 */

/** Name of the dense layer whose activations are the quality score's features. */
export const EVALUATOR_FEATURE_LAYER = "features";

export interface EvaluatorOptions {
  imageSize: number;
  channels: number;
  /** Number of classes (10 digits by default). */
  classes?: number;
  /** Seeds the weight initialisers. */
  seed: number;
}

/** conv 5x5x16 + ReLU + max pool, conv 5x5x32 + ReLU + max pool, dense 128 ReLU ('features'), softmax. */
export function buildEvaluator({ imageSize, channels, classes = 10, seed }: EvaluatorOptions): tf.LayersModel {
  if (!Number.isInteger(imageSize) || imageSize < 4) {
    throw new RangeError(`buildEvaluator: imageSize must be an integer >= 4 (two 2x2 poolings), got ${imageSize}`);
  }
  if (!Number.isInteger(channels) || channels < 1) {
    throw new RangeError(`buildEvaluator: channels must be a positive integer, got ${channels}`);
  }
  if (!Number.isInteger(classes) || classes < 2) {
    throw new RangeError(`buildEvaluator: classes must be an integer >= 2, got ${classes}`);
  }
  let layerIndex = 0;
  const init = () => ({
    kernelInitializer: tf.initializers.heNormal({ seed: seed + layerIndex++ }), // He suits the ReLUs
    biasInitializer: "zeros" as const,
  });
  // 'same' padding keeps the net usable from 8x8 test images up to 64x64 data.
  const conv = (filters: number, inputShape?: number[]) =>
    tf.layers.conv2d({ filters, kernelSize: 5, padding: "same", activation: "relu", ...init(), ...(inputShape ? { inputShape } : {}) });
  return tf.sequential({
    name: "evaluator",
    layers: [
      // Half the classic widths: a quarter of the compute on a CPU, still above 98% on held-out digits.
      conv(16, [imageSize, imageSize, channels]),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      conv(32),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ name: EVALUATOR_FEATURE_LAYER, units: 128, activation: "relu", ...init() }),
      // No dropout: tfjs draws its masks unseeded (a seeded one repeats the same mask every step), which made
      // the evaluator, and so every quality score, differ from run to run. Shift augmentation regularises instead.
      tf.layers.dense({ units: classes, activation: "softmax", ...init() }),
    ],
  });
}

/** A model that shares the evaluator's weights and outputs the 'features' activations [N, 128]. */
export function evaluatorFeatureModel(evaluator: tf.LayersModel): tf.LayersModel {
  const layer = evaluator.getLayer(EVALUATOR_FEATURE_LAYER);
  return tf.model({ inputs: evaluator.inputs, outputs: layer.output as tf.SymbolicTensor, name: "evaluator_features" });
}

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
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`trainEvaluator: epochs must be >= 1, got ${epochs}`);
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
      const augment = (batch: Float32Array) => (maxShift > 0 ? shiftImages(batch, shape, maxShift, () => rng.next()) : batch);
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
  order: Int32Array,
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

/** Fraction of images whose most probable class is their label. */
export async function evaluateAccuracy(
  model: tf.LayersModel,
  images: Float32Array,
  labels: Uint8Array,
  batchSize = 256,
): Promise<number> {
  const count = imageCount(images, imageShape(model), "evaluateAccuracy");
  if (labels.length !== count) {
    throw new RangeError(`evaluateAccuracy: ${count} images but ${labels.length} labels; pass one label per image`);
  }
  let correct = 0;
  await predictInBatches(model, images, count, batchSize, (start, classes) => {
    classes.forEach((predicted, i) => {
      if (predicted === labels[start + i]) correct++;
    });
  }, true);
  return correct / count;
}

/** Counts of the evaluator's predicted class over the first `count` images (mode coverage). */
export async function classHistogram(
  model: tf.LayersModel,
  images: Float32Array,
  count = imageCount(images, imageShape(model), "classHistogram"),
  batchSize = 256,
): Promise<number[]> {
  const classes = model.outputs[0]!.shape[1]!;
  const histogram = new Array<number>(classes).fill(0);
  await predictInBatches(model, images, count, batchSize, (_, predicted) => {
    for (const c of predicted) histogram[c]!++;
  }, true);
  return histogram;
}

/** The feature model's outputs for the first `count` images, as an [count, D] row-major matrix. */
export async function computeFeatures(
  featureModel: tf.LayersModel,
  images: Float32Array,
  count = imageCount(images, imageShape(featureModel), "computeFeatures"),
  batchSize = 256,
): Promise<Float32Array> {
  const dims = featureModel.outputs[0]!.shape[1]!;
  const features = new Float32Array(count * dims);
  await predictInBatches(featureModel, images, count, batchSize, (start, rows) => {
    features.set(rows, start * dims);
  });
  return features;
}

/**
 * Runs the model over images[0, count) a batch at a time (bounded memory on any backend) and hands each
 * batch's outputs, or with `argMax` its predicted classes, to `visit`. Reads back asynchronously so that
 * a WebGL backend does not block.
 */
async function predictInBatches(
  model: tf.LayersModel,
  images: Float32Array,
  count: number,
  batchSize: number,
  visit: (start: number, values: Float32Array | Int32Array) => void,
  argMax = false,
): Promise<void> {
  const shape = imageShape(model);
  const available = imageCount(images, shape, "predict");
  if (!Number.isInteger(count) || count < 1 || count > available) {
    throw new RangeError(`predict: asked for ${count} images but ${available} were given`);
  }
  checkBatchSize(batchSize, "predict");
  const pixels = shape.reduce((a, b) => a * b);
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    const output = tfc.tidy(() => {
      const x = tfc.tensor4d(images.subarray(start * pixels, (start + size) * pixels), [size, ...shape]);
      const y = model.predict(x) as tfc.Tensor;
      return argMax ? tfc.argMax(y, 1) : y;
    });
    try {
      visit(start, (await output.data()) as Float32Array | Int32Array);
    } finally {
      output.dispose();
    }
  }
}

function imageShape(model: tf.LayersModel): [number, number, number] {
  const [, height, width, channels] = model.inputs[0]!.shape;
  if (height == null || width == null || channels == null) {
    throw new TypeError(`Expected a model with an NHWC image input, got input shape ${JSON.stringify(model.inputs[0]!.shape)}`);
  }
  return [height, width, channels];
}

function imageCount(images: Float32Array, shape: readonly number[], caller: string): number {
  const pixels = shape.reduce((a, b) => a * b);
  if (images.length === 0 || images.length % pixels !== 0) {
    throw new RangeError(
      `${caller}: ${images.length} values are not whole images of shape ${shape.join("x")} (${pixels} values each)`,
    );
  }
  return images.length / pixels;
}

function checkBatchSize(batchSize: number, caller: string): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`${caller}: batchSize must be a positive integer, got ${batchSize}`);
  }
}

function shuffledIndices(count: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function gatherRows(images: Float32Array, rows: Int32Array, pixels: number): Float32Array {
  const out = new Float32Array(rows.length * pixels);
  rows.forEach((row, i) => out.set(images.subarray(row * pixels, (row + 1) * pixels), i * pixels));
  return out;
}
