import * as tfc from "@tensorflow/tfjs-core";
import type * as tf from "@tensorflow/tfjs-layers";
import { beforeAll, describe, expect, it } from "vitest";
import { allowCustomGradientsOnWasm } from "../metrics/testing/custom-gradients";
import { syntheticDigits } from "../metrics/testing/synthetic-digits";
import {
  buildEvaluator,
  classHistogram,
  computeFeatures,
  evaluateAccuracy,
  evaluatorFeatureModel,
  trainEvaluator,
  type EvaluatorEpoch,
} from "./evaluator";

const SIZE = 8;

describe("buildEvaluator", () => {
  it("maps [N, size, size, channels] images to class probabilities, with a 128-wide feature layer", () => {
    const model = buildEvaluator({ imageSize: 28, channels: 1, seed: 1 });
    const features = evaluatorFeatureModel(model);
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
    expect(features.outputs[0]!.shape).toEqual([null, 128]);
    const probabilities = tfc.tidy(() => tfc.sum(model.predict(tfc.zeros([3, 28, 28, 1])) as tfc.Tensor, 1));
    expect(Array.from(probabilities.dataSync())).toEqual([1, 1, 1].map((x) => expect.closeTo(x, 5)));
    probabilities.dispose();
    model.dispose();
  });

  it("starts from the same weights for the same seed and other weights for another", () => {
    const weightsOf = (seed: number) => {
      const model = buildEvaluator({ imageSize: SIZE, channels: 1, classes: 2, seed });
      const values = model.getWeights()[0]!.dataSync().slice();
      model.dispose();
      return values;
    };
    expect(weightsOf(5)).toEqual(weightsOf(5));
    expect(weightsOf(5)).not.toEqual(weightsOf(6));
  });

  it("refuses sizes it cannot pool twice and fewer than two classes", () => {
    expect(() => buildEvaluator({ imageSize: 2, channels: 1, seed: 1 })).toThrow(/imageSize/);
    expect(() => buildEvaluator({ imageSize: 8, channels: 1, classes: 1, seed: 1 })).toThrow(/classes/);
  });
});

describe("trainEvaluator and the batched read-outs", () => {
  let model: tf.LayersModel;
  const train = syntheticDigits(256, 1, SIZE);
  const heldOut = syntheticDigits(100, 2, SIZE);
  const epochs: EvaluatorEpoch[] = [];

  let tensorsBefore = 0;
  let tensorsAfter = 0;

  beforeAll(async () => {
    allowCustomGradientsOnWasm();
    model = buildEvaluator({ imageSize: SIZE, channels: 1, classes: 2, seed: 3 });
    tensorsBefore = tfc.memory().numTensors;
    await trainEvaluator({
      model, images: train.images, labels: train.labels, epochs: 3, batchSize: 32, seed: 4,
      onEpochEnd: (e) => void epochs.push(e),
    });
    tensorsAfter = tfc.memory().numTensors;
  });

  it("learns the classes: loss falls and held-out accuracy is high", async () => {
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(epochs[2]!.loss).toBeLessThan(epochs[0]!.loss);
    expect(tensorsAfter).toBe(tensorsBefore); // batches and the optimizer's state are freed
    expect(await evaluateAccuracy(model, heldOut.images, heldOut.labels, 32)).toBeGreaterThan(0.95);
  });

  it("computes features batch by batch exactly as one predict call, without leaking tensors", async () => {
    const featureModel = evaluatorFeatureModel(model);
    const before = tfc.memory().numTensors;
    const features = await computeFeatures(featureModel, heldOut.images, 10, 4); // batches 4, 4, 2
    expect(tfc.memory().numTensors).toBe(before);
    const direct = tfc.tidy(() =>
      (featureModel.predict(tfc.tensor4d(heldOut.images.subarray(0, 10 * SIZE * SIZE), [10, SIZE, SIZE, 1])) as tfc.Tensor).dataSync(),
    );
    expect(features.length).toBe(10 * 128);
    expect(Array.from(features)).toEqual(Array.from(direct).map((x) => expect.closeTo(x, 5)));
  });

  it("counts predicted classes; a one-class set lands in one bin", async () => {
    const before = tfc.memory().numTensors;
    const histogram = await classHistogram(model, heldOut.images, 60, 16);
    expect(histogram).toHaveLength(2);
    expect(histogram[0]! + histogram[1]!).toBe(60);
    expect(Math.min(...histogram)).toBeGreaterThan(20); // the held-out set alternates classes
    expect((await classHistogram(model, syntheticDigits(40, 9, SIZE, 1).images))[1]).toBeGreaterThan(36);
    expect(tfc.memory().numTensors).toBe(before);
  });

  it("names the problem when images and labels do not fit the model", async () => {
    await expect(evaluateAccuracy(model, heldOut.images, heldOut.labels.subarray(1))).rejects.toThrow(/100 images but 99 labels/);
    await expect(computeFeatures(evaluatorFeatureModel(model), new Float32Array(65))).rejects.toThrow(/not whole images of shape 8x8x1/);
    await expect(classHistogram(model, heldOut.images, 101)).rejects.toThrow(/asked for 101 images but 100/);
  });
});
