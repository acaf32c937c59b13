import * as tfc from "@tensorflow/tfjs-core";
import type * as tf from "@tensorflow/tfjs-layers";
import { beforeAll, describe, expect, it } from "vitest";
import { allowCustomGradientsOnWasm } from "../test-support/custom-gradients";
import { syntheticDigits } from "../test-support/synthetic-digits";
import { classAccuracy, classHistogram, computeFeatures, evaluateAccuracy } from "./features";
import { buildEvaluator, evaluatorFeatureModel } from "./model";
import { trainEvaluator, type EvaluatorEpoch } from "./train";

const SIZE = 8;

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
      model,
      images: train.images,
      labels: train.labels,
      epochs: 3,
      batchSize: 32,
      seed: 4,
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
      (
        featureModel.predict(
          tfc.tensor4d(heldOut.images.subarray(0, 10 * SIZE * SIZE), [10, SIZE, SIZE, 1]),
        ) as tfc.Tensor
      ).dataSync(),
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

  it("reads the accuracy per requested class: right labels score high, swapped labels near zero", async () => {
    const right = await classAccuracy(model, heldOut.images, heldOut.labels, 32);
    expect(right.overall).toBe(await evaluateAccuracy(model, heldOut.images, heldOut.labels, 32));
    expect(right.perClass).toHaveLength(2);
    for (const accuracy of right.perClass) expect(accuracy).toBeGreaterThan(0.9);
    const swapped = await classAccuracy(
      model,
      heldOut.images,
      heldOut.labels.map((label) => 1 - label),
      32,
    );
    expect(swapped.overall).toBeCloseTo(1 - right.overall, 10);
    for (const accuracy of swapped.perClass) expect(accuracy).toBeLessThan(0.1);
    // Only class 1 asked for: class 0's accuracy is undefined (NaN), not 0.
    const ones = syntheticDigits(40, 9, SIZE, 1);
    const onlyOnes = await classAccuracy(model, ones.images, ones.labels);
    expect(onlyOnes.perClass[0]).toBeNaN();
    expect(onlyOnes.perClass[1]).toBeGreaterThan(0.9);
  });

  it("names the problem when images and labels do not fit the model", async () => {
    await expect(evaluateAccuracy(model, heldOut.images, heldOut.labels.subarray(1))).rejects.toThrow(
      /100 images but 99 labels/,
    );
    await expect(classAccuracy(model, heldOut.images, heldOut.labels.subarray(1))).rejects.toThrow(
      /classAccuracy: 100 images but 99 labels/,
    );
    await expect(computeFeatures(evaluatorFeatureModel(model), new Float32Array(65))).rejects.toThrow(
      /not whole images of shape 8x8x1/,
    );
    await expect(classHistogram(model, heldOut.images, 101)).rejects.toThrow(/asked for 101 images but 100/);
  });
});
