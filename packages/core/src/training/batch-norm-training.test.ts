import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { batchNorm } from "../models/batch-norm";
import { randomTensor } from "../test-support/random";
import { batchNormInTraining } from "./batch-norm-training";

function builtBatchNorm(channels: number) {
  const layer = batchNorm(`bn_test_${channels}`);
  layer.build([null, 3, 3, channels]);
  const [gamma, beta] = layer.trainableWeights;
  gamma!.write(tf.tensor1d(Array.from({ length: channels }, (_, i) => 1 + 0.1 * i)));
  beta!.write(tf.tensor1d(Array.from({ length: channels }, (_, i) => 0.05 * i - 0.1)));
  return layer;
}

function maxAbsDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe("batchNormInTraining", () => {
  it("normalises like tfjs-layers' batch norm in training mode", () => {
    const layer = builtBatchNorm(3);
    const x = tf.mul(randomTensor([4, 3, 3, 3], 1), 3);
    const ours = batchNormInTraining(layer, x);
    const theirs = layer.apply(x, { training: true }) as tf.Tensor;
    expect(maxAbsDifference(ours, theirs)).toBeLessThan(1e-5);
    tf.dispose([x, ours, theirs]);
  });

  it("has the gradient of the plain formula, for the input, gamma and beta", () => {
    const layer = builtBatchNorm(2);
    const x = randomTensor([3, 3, 3, 2], 2);
    const dy = randomTensor([3, 3, 3, 2], 3);
    const [gamma, beta] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const plain = (input: tf.Tensor, scale: tf.Tensor, offset: tf.Tensor) => {
      const { mean, variance } = tf.moments(input, [0, 1, 2]);
      return tf.add(tf.mul(tf.div(tf.sub(input, mean), tf.sqrt(tf.add(variance, 1e-5))), scale), offset);
    };
    const expected = tf.grads(plain)([x, gamma!, beta!], dy);
    const { grads, value } = tf.variableGrads(() => tf.sum(tf.mul(batchNormInTraining(layer, x), dy)), [gamma!, beta!]);
    const dx = tf.grad((input: tf.Tensor) => batchNormInTraining(layer, input))(x, dy);
    expect(maxAbsDifference(dx, expected[0]!)).toBeLessThan(1e-4);
    expect(maxAbsDifference(grads[gamma!.name]!, expected[1]!)).toBeLessThan(1e-4);
    expect(maxAbsDifference(grads[beta!.name]!, expected[2]!)).toBeLessThan(1e-4);
    tf.dispose([x, dy, dx, value, ...expected, ...Object.values(grads)]);
  });

  it("updates the moving averages as PyTorch does (weight 0.1 on the batch, unbiased variance)", () => {
    const layer = builtBatchNorm(1);
    // One channel, 4 values: mean 2.5, biased variance 1.25, unbiased 5/3.
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    tf.dispose(batchNormInTraining(layer, x));
    const [movingMean, movingVariance] = layer.nonTrainableWeights.map((w) => w.read().dataSync()[0]!);
    expect(movingMean).toBeCloseTo(0.9 * 0 + 0.1 * 2.5, 6);
    expect(movingVariance).toBeCloseTo(0.9 * 1 + 0.1 * (5 / 3), 6);
    x.dispose();
  });

  it("leaves no tensors behind", () => {
    const layer = builtBatchNorm(2);
    const x = randomTensor([2, 3, 3, 2], 4);
    const before = tf.memory().numTensors;
    const y = batchNormInTraining(layer, x);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
