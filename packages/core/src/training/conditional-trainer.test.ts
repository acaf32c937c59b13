import * as tf from "@tensorflow/tfjs-core";
import { afterEach, describe, expect, it } from "vitest";
import type { DcganConfig } from "../config";
import { classCode, conditionalLatents } from "../latent/conditional";
import { sampleLatent } from "../latent/sample";
import type { DiscriminatorConditioning } from "../models/discriminator";
import { realBatch, TINY, weightValues } from "../test-support/tiny";
import { oneHotClasses } from "./class-conditioning";
import { trainLoop, type LabelledBatch } from "./loop";
import { DcganTrainer } from "./trainer";

const CONDITIONAL: DcganConfig = { ...TINY, numClasses: 3 };
const LABELS = [0, 1, 2, 1];

const made: DcganTrainer[] = [];
afterEach(() => made.splice(0).forEach((trainer) => trainer.dispose()));
function trainer(conditioning: DiscriminatorConditioning, seed = 1): DcganTrainer {
  const t = new DcganTrainer({ config: CONDITIONAL, seed, conditioning });
  made.push(t);
  return t;
}

async function steps(t: DcganTrainer, count: number) {
  const results = [];
  for (let i = 0; i < count; i++) {
    const batch = realBatch(4, 100 + i);
    results.push(await t.step(batch, LABELS));
    batch.dispose();
  }
  return results;
}

/** G's images for the same latent under each class, as plain arrays. */
function imagesPerClass(t: DcganTrainer, seed: number): Float32Array[] {
  const z = sampleLatent(seed, 1, CONDITIONAL.zDim);
  return [0, 1, 2].map(
    (label) =>
      tf
        .tidy(() => {
          const input = conditionalLatents(z, CONDITIONAL.zDim, classCode(3, label));
          return t.generator.predict(tf.tensor2d(input, [1, input.length])) as tf.Tensor;
        })
        .dataSync() as Float32Array,
  );
}

describe.each(["projection", "channels"] as const)("a conditional DCGAN (%s discriminator)", (conditioning) => {
  it("builds G for z plus a one-hot class and D for the class as the variant sees it", () => {
    const t = trainer(conditioning);
    expect(t.generator.inputs[0]!.shape).toEqual([null, TINY.zDim + 3]);
    expect(t.generator.outputs[0]!.shape).toEqual([null, 16, 16, 1]);
    const [inputShape, outputShape] = [t.discriminator.inputs[0]!.shape, t.discriminator.outputs[0]!.shape];
    expect({ inputShape, outputShape }).toEqual(
      conditioning === "channels"
        ? { inputShape: [null, 16, 16, 1 + 3], outputShape: [null, 1] }
        : { inputShape: [null, 16, 16, 1], outputShape: [null, 1 + 3] },
    );
  });

  it("trains with finite losses and probabilities, leaving the number of tensors unchanged", async () => {
    const t = trainer(conditioning);
    const batch = realBatch(4, 1);
    await t.step(batch, LABELS); // the first step creates the optimizers' state
    const before = tf.memory().numTensors;
    const result = await t.step(batch, LABELS);
    await t.step(batch, LABELS);
    expect(tf.memory().numTensors).toBe(before);
    batch.dispose();
    expect(Number.isFinite(result.dLoss) && Number.isFinite(result.gLoss)).toBe(true);
    for (const p of [result.dReal, result.dFake]) expect(p > 0 && p < 1).toBe(true);
  });

  it("draws a different image for each class from the same z, after training too", async () => {
    const t = trainer(conditioning);
    await steps(t, 2);
    const [zero, one, two] = imagesPerClass(t, 7);
    expect(zero).not.toEqual(one);
    expect(one).not.toEqual(two);
  });

  it("is deterministic: the same seed and batches give identical weights", async () => {
    const [a, b] = [trainer(conditioning, 4), trainer(conditioning, 4)];
    await steps(a, 2);
    await steps(b, 2);
    expect(weightValues(a.generator)).toEqual(weightValues(b.generator));
    expect(weightValues(a.discriminator)).toEqual(weightValues(b.discriminator));
  });

  it("learns from the labels: other labels give other weights", async () => {
    const [a, b] = [trainer(conditioning, 4), trainer(conditioning, 4)];
    await steps(a, 1);
    const batch = realBatch(4, 100);
    await b.step(batch, [2, 2, 0, 0]);
    batch.dispose();
    expect(weightValues(a.generator)).not.toEqual(weightValues(b.generator));
  });
});

describe("conditional training input checks", () => {
  it("makes exact one-hot rows on every backend (tfjs-wasm's OneHot writes int32 bits into float32)", () => {
    const rows = oneHotClasses([2, 0], 3);
    expect(Array.from(rows.dataSync())).toEqual([0, 0, 1, 1, 0, 0]);
    rows.dispose();
  });

  it("refuses a batch without labels, with too few, or with a label outside the classes", async () => {
    const t = trainer("projection");
    const batch = realBatch(4, 1);
    await expect(t.step(batch)).rejects.toThrow(/3 classes\) needs one label per image: got none for 4 images/);
    await expect(t.step(batch, [0, 1])).rejects.toThrow(/got 2 for 4 images/);
    await expect(t.step(batch, [0, 1, 3, 0])).rejects.toThrow(/Label 3 \(batch position 2\) is not a class/);
    await expect(t.step(batch, [0, 1.5, 1, 0])).rejects.toThrow(/Label 1.5/);
    batch.dispose();
  });

  it("refuses labels for an unconditional DCGAN", async () => {
    const t = new DcganTrainer({ config: TINY, seed: 1 });
    made.push(t);
    const batch = realBatch(4, 1);
    await expect(t.step(batch, LABELS)).rejects.toThrow(/unconditional: train it without labels/);
    batch.dispose();
  });
});

describe("trainLoop with labelled batches", () => {
  it("passes each batch's labels to the step and disposes its images", async () => {
    const handedOut: LabelledBatch[] = [];
    const t = trainer("projection");
    const result = await trainLoop({
      trainer: t,
      epochs: 1,
      batches: {
        batchesPerEpoch: 2,
        *epoch() {
          for (let i = 0; i < 2; i++) {
            const batch = { images: realBatch(4, i), labels: LABELS };
            handedOut.push(batch);
            yield batch;
          }
        },
      },
    });
    expect(result.globalStep).toBe(2);
    expect(handedOut.every((batch) => batch.images.isDisposed)).toBe(true);
  });
});
