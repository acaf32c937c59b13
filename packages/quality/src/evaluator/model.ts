import * as tf from "@tensorflow/tfjs-layers";

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
    tf.layers.conv2d({
      filters,
      kernelSize: 5,
      padding: "same",
      activation: "relu",
      ...init(),
      ...(inputShape ? { inputShape } : {}),
    });
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
