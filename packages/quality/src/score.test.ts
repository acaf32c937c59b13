import * as tfc from "@tensorflow/tfjs-core";
import type * as tf from "@tensorflow/tfjs-layers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildEvaluator, evaluatorFeatureModel } from "./evaluator/model";
import { trainEvaluator } from "./evaluator/train";
import type { FeatureStatistics } from "./metrics/statistics";
import { imageFeatureStatistics, qualityScore, type QualityScore } from "./score";
import { allowCustomGradientsOnWasm } from "./test-support/custom-gradients";
import { syntheticDigits, uniformNoise } from "./test-support/synthetic-digits";

const SIZE = 8;
const COUNT = 200;

describe("qualityScore on a tiny evaluator trained on synthetic digits", () => {
  let classifier: tf.LayersModel;
  let featureModel: tf.LayersModel;
  let realStatistics: FeatureStatistics;
  const real = syntheticDigits(COUNT, 10, SIZE).images;
  const heldOut = syntheticDigits(COUNT, 11, SIZE).images;
  let realVsReal: QualityScore;

  const score = (generatedImages: Float32Array) =>
    qualityScore({ featureModel, classifier, realStatistics, generatedImages, count: COUNT, batchSize: 100 });

  beforeAll(async () => {
    allowCustomGradientsOnWasm();
    const train = syntheticDigits(256, 12, SIZE);
    classifier = buildEvaluator({ imageSize: SIZE, channels: 1, classes: 2, seed: 13 });
    await trainEvaluator({
      model: classifier,
      images: train.images,
      labels: train.labels,
      epochs: 2,
      batchSize: 32,
      seed: 14,
    });
    featureModel = evaluatorFeatureModel(classifier);
    realStatistics = await imageFeatureStatistics(featureModel, real, COUNT);
    realVsReal = await score(heldOut);
  });

  it("scores held-out real digits far better than uniform noise, and counts every sample", async () => {
    const before = tfc.memory().numTensors;
    const realVsNoise = await score(uniformNoise(COUNT, 15, SIZE));
    expect(tfc.memory().numTensors).toBe(before);
    expect(realVsReal.kind).toBe("classifier-frechet");
    expect(realVsReal.samples).toBe(COUNT);
    expect(realVsNoise.value).toBeGreaterThan(10 * realVsReal.value);
    for (const { classHistogram } of [realVsReal, realVsNoise]) {
      expect(classHistogram).toHaveLength(2);
      expect(classHistogram.reduce((a, b) => a + b)).toBe(COUNT);
    }
  });

  it("shows a collapse to one class in the histogram and in the distance", async () => {
    const collapsed = await score(syntheticDigits(COUNT, 16, SIZE, 1).images);
    expect(collapsed.classHistogram[1]).toBeGreaterThan(0.9 * COUNT);
    expect(Math.min(...realVsReal.classHistogram)).toBeGreaterThan(0.4 * COUNT);
    expect(collapsed.value).toBeGreaterThan(10 * realVsReal.value);
  });

  it("gives the same result from the real images as from their cached statistics", async () => {
    const fromImages = await qualityScore({
      featureModel,
      classifier,
      realImages: real,
      generatedImages: heldOut,
      count: COUNT,
    });
    expect(fromImages.value).toBeCloseTo(realVsReal.value, 9);
    expect(fromImages.classHistogram).toEqual(realVsReal.classHistogram);
  });

  it("refuses real statistics from another sample size (the distance's bias depends on it)", async () => {
    await expect(
      qualityScore({ featureModel, classifier, realStatistics, generatedImages: heldOut, count: COUNT / 2 }),
    ).rejects.toThrow(/from 200 images but count is 100/);
  });
});
