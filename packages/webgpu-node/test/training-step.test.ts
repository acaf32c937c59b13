import * as tf from "@tensorflow/tfjs-core";
import { DcganTrainer, type DcganConfig, type StepResult } from "@ganvas/core";
import { beforeAll, describe, expect, it } from "vitest";
import { useCpu, useWebGpu, worstDifference } from "./support/webgpu";

// Small enough for SwiftShader, with batch norm on both sides and both kinds of conv.
const CONFIG: DcganConfig = { imageSize: 16, channels: 1, zDim: 8, generatorWidth: 4, discriminatorWidth: 4 };
const STEPS = 3;

type Run = { losses: StepResult[]; generatorWeights: Float32Array[] };

async function train(): Promise<Run> {
  const batches = Array.from(
    { length: STEPS },
    (_, i) => tf.tidy(() => tf.tanh(tf.randomNormal([8, 16, 16, 1], 0, 1, "float32", 10 + i))) as tf.Tensor4D,
  );
  const trainer = new DcganTrainer({ config: CONFIG, seed: 3 });
  const losses: StepResult[] = [];
  for (const batch of batches) losses.push(await trainer.step(batch));
  const generatorWeights = (await Promise.all(trainer.generator.getWeights().map((w) => w.data()))) as Float32Array[];
  trainer.dispose();
  tf.dispose(batches);
  return { losses, generatorWeights };
}

let onCpu: Run;

beforeAll(async () => {
  tf.env().set("PROD", true);
  await useCpu();
  onCpu = await train();
  await useWebGpu();
});

describe("a DCGAN training step on webgpu", () => {
  it("gives the cpu backend's losses and weights for the same seed, and leaks no tensors", async () => {
    const before = tf.memory().numTensors;
    const onGpu = await train();
    expect(tf.memory().numTensors).toBe(before);
    onGpu.losses.forEach((step, i) => {
      for (const key of ["dLoss", "gLoss", "dReal", "dFake"] as const) {
        // Same arithmetic in another summation order: losses within 6e-8 and weights within 7e-8 of cpu on
        // SwiftShader over 3 steps; 1e-4 leaves room for GPUs that fuse multiply-adds.
        expect(Math.abs(step[key] - onCpu.losses[i]![key]), `step ${i + 1} ${key}`).toBeLessThan(1e-4);
      }
    });
    onGpu.generatorWeights.forEach((values, i) =>
      expect(worstDifference(values, onCpu.generatorWeights[i]!)).toBeLessThan(1e-4),
    );
  });

  it("repeats bit for bit on the same adapter", async () => {
    const [first, second] = [await train(), await train()];
    expect(second.losses).toEqual(first.losses);
    second.generatorWeights.forEach((values, i) => expect(values).toEqual(first.generatorWeights[i]));
  });
});
