import * as tfc from "@tensorflow/tfjs-core";
import type * as tf from "@tensorflow/tfjs-layers";
import { checkBatchSize, imageCount, imageShape } from "./image-input";

// Inference with a trained evaluator (or its feature model), a batch at a time.

/** Fraction of images whose most probable class is their label. */
export async function evaluateAccuracy(
  model: tf.LayersModel,
  images: Float32Array,
  labels: Uint8Array,
  batchSize = 256,
): Promise<number> {
  return (await classAccuracy(model, images, labels, batchSize)).overall;
}

/** How often the evaluator reads each image as its label: over all images, and per class (NaN for a class no label asks for). */
export interface ClassAccuracy {
  overall: number;
  perClass: number[];
}

/**
 * The evaluator's agreement with the labels, overall and per label: for a conditional generator's samples
 * (labels = the classes requested), how often it draws the class it was asked for.
 */
export async function classAccuracy(
  model: tf.LayersModel,
  images: Float32Array,
  labels: Uint8Array,
  batchSize = 256,
): Promise<ClassAccuracy> {
  const count = imageCount(images, imageShape(model), "classAccuracy");
  if (labels.length !== count) {
    throw new RangeError(`classAccuracy: ${count} images but ${labels.length} labels; pass one label per image`);
  }
  const classes = model.outputs[0]!.shape[1]!;
  const asked = new Array<number>(classes).fill(0);
  const right = new Array<number>(classes).fill(0);
  await predictInBatches(
    model,
    images,
    count,
    batchSize,
    (start, predicted) => {
      predicted.forEach((label, i) => {
        const wanted = labels[start + i]!;
        asked[wanted]!++;
        if (label === wanted) right[wanted]!++;
      });
    },
    true,
  );
  const correct = right.reduce((a, b) => a + b, 0);
  return { overall: correct / count, perClass: asked.map((n, c) => right[c]! / n) };
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
  await predictInBatches(
    model,
    images,
    count,
    batchSize,
    (_, predicted) => {
      for (const c of predicted) histogram[c]!++;
    },
    true,
  );
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
