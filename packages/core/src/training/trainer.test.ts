import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { createRng, fillNormal } from "../latent/rng";
import { realBatch, TINY, trainerFactory, weightValues } from "../test-support/tiny";
import { forwardInTraining } from "./forward";
import { binaryCrossEntropy } from "./losses";
import type { DcganTrainer } from "./trainer";

const trainer = trainerFactory();

async function steps(t: DcganTrainer, count: number, firstSeed = 100) {
  const results = [];
  for (let i = 0; i < count; i++) {
    const batch = realBatch(4, firstSeed + i);
    results.push(await t.step(batch));
    batch.dispose();
  }
  return results;
}

const scalar = (t: tf.Tensor) => t.dataSync()[0]!;

describe("DcganTrainer.step", async () => {
  it("leaves the number of tensors unchanged", async () => {
    const t = trainer();
    const batch = realBatch(4, 1);
    const before = tf.memory().numTensors;
    await t.step(batch);
    await t.step(batch);
    expect(tf.memory().numTensors).toBe(before);
    batch.dispose();
  });

  it("computes the tutorial's losses: D on real and fake before its update, G against the updated D on the same fakes", async () => {
    const t = trainer(5);
    const before = trainer(5); // same seed: the weights t starts from
    const batch = realBatch(4, 9);
    const noise = tf.tensor2d(fillNormal(createRng(5 + 2), 4 * TINY.zDim), [4, TINY.zDim]);
    const expected = tf.tidy(() => {
      const fake = forwardInTraining(before.generator, noise);
      const onReal = forwardInTraining(before.discriminator, batch);
      const onFake = forwardInTraining(before.discriminator, fake);
      return {
        fake: tf.keep(fake),
        dLoss: scalar(tf.div(tf.add(binaryCrossEntropy(onReal, 1), binaryCrossEntropy(onFake, 0)), 2)),
        dReal: scalar(tf.mean(onReal)),
        dFake: scalar(tf.mean(onFake)),
      };
    });
    const result = await t.step(batch);
    const gLossAgainstUpdatedD = tf.tidy(() =>
      scalar(binaryCrossEntropy(forwardInTraining(t.discriminator, expected.fake), 1)),
    );
    expect(result.dLoss).toBeCloseTo(expected.dLoss, 5);
    expect(result.dReal).toBeCloseTo(expected.dReal, 5);
    expect(result.dFake).toBeCloseTo(expected.dFake, 5);
    expect(result.gLoss).toBeCloseTo(gLossAgainstUpdatedD, 5);
    tf.dispose([batch, noise, expected.fake]);
  });

  it("moves every trainable weight of both models and the batch-norm moving averages", async () => {
    const t = trainer();
    const g0 = weightValues(t.generator);
    const d0 = weightValues(t.discriminator);
    await steps(t, 1);
    const changed = (before: Float32Array[], after: Float32Array[]) =>
      before.map((values, i) => values.some((v, j) => v !== after[i]![j]));
    expect(changed(g0, weightValues(t.generator)).every(Boolean)).toBe(true);
    expect(changed(d0, weightValues(t.discriminator)).every(Boolean)).toBe(true);
  });

  it("trains D towards realLabel on real images (one-sided label smoothing)", async () => {
    const t = trainer(5, TINY, { realLabel: 0.9 });
    const before = trainer(5);
    const batch = realBatch(4, 9);
    const noise = tf.tensor2d(fillNormal(createRng(5 + 2), 4 * TINY.zDim), [4, TINY.zDim]);
    const expected = tf.tidy(() => {
      const onReal = forwardInTraining(before.discriminator, batch);
      const onFake = forwardInTraining(before.discriminator, forwardInTraining(before.generator, noise));
      return scalar(tf.div(tf.add(binaryCrossEntropy(onReal, 0.9), binaryCrossEntropy(onFake, 0)), 2));
    });
    expect((await t.step(batch)).dLoss).toBeCloseTo(expected, 5);
    expect(() => trainer(5, TINY, { realLabel: 0.4 })).toThrow(/realLabel must be in \(0.5, 1\]/);
    tf.dispose([batch, noise]);
  });

  it("returns finite losses and probabilities", async () => {
    for (const result of await steps(trainer(), 3)) {
      expect(Number.isFinite(result.dLoss) && Number.isFinite(result.gLoss)).toBe(true);
      for (const p of [result.dReal, result.dFake]) {
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThan(1);
      }
    }
  });

  it("refuses a batch of the wrong shape", async () => {
    const t = trainer();
    const wrong = tf.zeros([2, 8, 8, 1]) as tf.Tensor4D;
    await expect(t.step(wrong)).rejects.toThrow(/shaped \[N, 16, 16, 1\].*got \[2, 8, 8, 1\]/);
    wrong.dispose();
  });
});

describe("checkpoints", async () => {
  it("resume exactly: restoring weights, optimizer state and RNG, then stepping, equals not stopping", async () => {
    const uninterrupted = trainer(3);
    await steps(uninterrupted, 2);

    // Save mid-run.
    const generatorWeights = uninterrupted.generator.getWeights().map((w) => tf.clone(w));
    const discriminatorWeights = uninterrupted.discriminator.getWeights().map((w) => tf.clone(w));
    const optimizerState = uninterrupted.getOptimizerWeights();
    const rngState = JSON.parse(JSON.stringify(uninterrupted.rngState()));
    await steps(uninterrupted, 2, 500);

    const resumed = trainer(77); // different seed: everything must come from the checkpoint
    resumed.generator.setWeights(generatorWeights);
    resumed.discriminator.setWeights(discriminatorWeights);
    await resumed.setOptimizerWeights(optimizerState);
    resumed.restoreRngState(rngState);
    tf.dispose([...generatorWeights, ...discriminatorWeights]);
    tf.dispose([...optimizerState.generator, ...optimizerState.discriminator].map((w) => w.tensor));
    await steps(resumed, 2, 500);

    expect(weightValues(resumed.generator)).toEqual(weightValues(uninterrupted.generator));
    expect(weightValues(resumed.discriminator)).toEqual(weightValues(uninterrupted.discriminator));
  });

  it("names optimizer state after the weights, with the step count", async () => {
    const t = trainer();
    await steps(t, 2);
    const { generator, discriminator } = t.getOptimizerWeights();
    expect(generator[0]!.name).toBe("step");
    expect(generator[0]!.tensor.dataSync()[0]).toBe(2);
    expect(generator.map((w) => w.name)).toContain("g_deconv_4/kernel/m");
    expect(discriminator.map((w) => w.name)).toContain("d_bn_4/gamma/v");
    tf.dispose([...generator, ...discriminator].map((w) => w.tensor));
  });

  it("refuses optimizer state from a different model", async () => {
    const other = trainer(1, { ...TINY, generatorWidth: 3 });
    const state = other.getOptimizerWeights();
    await expect(trainer().setOptimizerWeights(state)).rejects.toThrow(
      /does not fit this model: 'g_deconv_4\/kernel\/m' is shaped/,
    );
    tf.dispose([...state.generator, ...state.discriminator].map((w) => w.tensor));
  });
});

describe("determinism", async () => {
  it("two runs with the same seed end with identical weights", async () => {
    const a = trainer(11);
    const b = trainer(11);
    await steps(a, 3);
    await steps(b, 3);
    expect(weightValues(a.generator)).toEqual(weightValues(b.generator));
    expect(weightValues(a.discriminator)).toEqual(weightValues(b.discriminator));
  });
});
