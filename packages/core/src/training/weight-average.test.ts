import * as tf from "@tensorflow/tfjs-core";
import { afterEach, describe, expect, it } from "vitest";
import { sampleLatent } from "../latent/sample";
import { buildGenerator } from "../models/generator";
import { recomputeBatchNormStatistics } from "../models/batch-norm-statistics";
import { realBatch, TINY, trainerFactory, weightValues } from "../test-support/tiny";
import { forwardInTraining } from "./forward";
import { WeightAverage } from "./weight-average";
import type { DcganTrainer } from "./trainer";

const trainer = trainerFactory();
const disposables: { dispose(): void }[] = [];
afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));
const keep = <T extends { dispose(): void }>(value: T) => (disposables.push(value), value);

async function train(t: DcganTrainer, count: number, firstSeed = 300) {
  for (let i = 0; i < count; i++) {
    const batch = realBatch(4, firstSeed + i);
    await t.step(batch);
    batch.dispose();
  }
}

const firstWeight = (model: ReturnType<typeof buildGenerator>) => model.trainableWeights[0]!.read().dataSync()[0]!;

describe("WeightAverage", () => {
  it("averages with the warmed-up decay min(decay, (1 + t) / (10 + t))", () => {
    const model = keep(buildGenerator(TINY, 1));
    const average = keep(new WeightAverage(model.trainableWeights, 0.999));
    const start = firstWeight(model);
    const setAll = (value: number) =>
      model.trainableWeights.forEach((w) => w.write(tf.fill(w.shape as number[], value)));
    setAll(1);
    average.update(); // decay 2 / 11
    setAll(3);
    average.update(); // decay 3 / 12
    const copy = keep(buildGenerator(TINY, 2));
    average.copyInto(copy);
    const afterOne = (2 / 11) * start + (9 / 11) * 1;
    expect(firstWeight(copy)).toBeCloseTo((3 / 12) * afterOne + (9 / 12) * 3, 6);
  });

  it("refuses a decay outside (0, 1) and a model of another shape", () => {
    const model = keep(buildGenerator(TINY, 1));
    expect(() => new WeightAverage(model.trainableWeights, 1)).toThrow(/decay must be in \(0, 1\)/);
    const average = keep(new WeightAverage(model.trainableWeights.slice(1), 0.9));
    expect(() => average.copyInto(model)).toThrow(/trainable weights/);
  });
});

describe("recomputeBatchNormStatistics", () => {
  it("makes inference on a batch normalise as training does on it", () => {
    const model = keep(buildGenerator(TINY, 4));
    const noise = keep(tf.tensor2d(sampleLatent(9, 256, TINY.zDim), [256, TINY.zDim]));
    // Fresh moving statistics (0 and 1) are far from what the layers see: inference disagrees with training.
    const training = keep(tf.tidy(() => forwardInTraining(model, noise)));
    recomputeBatchNormStatistics(model, noise);
    const inference = keep(model.predict(noise) as tf.Tensor);
    const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(inference, training))).dataSync()[0]!);
    expect(gap).toBeLessThan(2e-3); // the unbiased variance's n / (n - 1), and float rounding
  });
});

describe("DcganTrainer with averageDecay", () => {
  it("samples from G itself without an average", async () => {
    const t = trainer(1);
    expect(t.samplingGenerator()).toBe(t.generator);
  });

  it("samples from the average, with batch-norm statistics measured for the averaged weights", async () => {
    const t = trainer(2, TINY, { averageDecay: 0.99 });
    await train(t, 4);
    const sampling = t.samplingGenerator();
    expect(sampling).not.toBe(t.generator);
    expect(t.samplingGenerator()).toBe(sampling); // no step since: not recomputed
    const trained = weightValues(t.generator);
    const averaged = weightValues(sampling);
    expect(averaged[0]).not.toEqual(trained[0]);
    const noise = keep(tf.tensor2d(sampleLatent(3, 512, TINY.zDim), [512, TINY.zDim]));
    const inference = keep(sampling.predict(noise) as tf.Tensor);
    const training = keep(tf.tidy(() => forwardInTraining(sampling, noise)));
    // Another batch of noise than the statistics were measured on: close, not equal.
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(inference, training))).dataSync()[0]!)).toBeLessThan(0.05);
  });

  it("saves the average with the optimizer state: a restored run continues it bit for bit", async () => {
    const a = trainer(3, TINY, { averageDecay: 0.9 });
    await train(a, 3);
    const b = trainer(3, TINY, { averageDecay: 0.9 });
    b.generator.setWeights(a.generator.getWeights());
    b.discriminator.setWeights(a.discriminator.getWeights());
    const state = a.getOptimizerWeights();
    expect(state.generator.map((entry) => entry.name)).toContain("average/step");
    await b.setOptimizerWeights(state);
    tf.dispose([...state.generator, ...state.discriminator].map((entry) => entry.tensor));
    b.restoreRngState(a.rngState());
    await train(a, 2, 400);
    await train(b, 2, 400);
    expect(weightValues(b.samplingGenerator())).toEqual(weightValues(a.samplingGenerator()));
    const withoutAverage = trainer(3, TINY);
    const plain = withoutAverage.getOptimizerWeights();
    await expect(b.setOptimizerWeights(plain)).rejects.toThrow(/no weight average/);
    tf.dispose([...plain.generator, ...plain.discriminator].map((entry) => entry.tensor));
  });
});
