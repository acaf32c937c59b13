import { DcganTrainer, type DcganConfig, type TrainerOptions } from "@ganvas/core";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-layers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onnxKernelCounts, registerOnnxKernels, unregisterOnnxKernels } from "../src/index";

const random = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, "float32", seed);

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

const TINY: DcganConfig = { imageSize: 16, channels: 1, zDim: 6, generatorWidth: 2, discriminatorWidth: 3 };

/** Two steps of a fresh trainer on one batch: their losses and the generator's weights after them. */
async function twoSteps(options: TrainerOptions, batch: tf.Tensor4D, labels?: number[]) {
  const trainer = new DcganTrainer(options);
  const losses = [await trainer.step(batch, labels), await trainer.step(batch, labels)];
  const weights = trainer.generator.getWeights().map((w) => w.dataSync());
  trainer.dispose();
  return { losses, weights };
}

type TwoSteps = Awaited<ReturnType<typeof twoSteps>>;

/**
 * `native` (a run of `train` on the onnxruntime convs) agrees with a run on the backend's own convs, and a
 * second native run leaves the number of tensors as it was.
 */
async function expectLeakFreeAndAsComposed(backend: "wasm" | "cpu", native: TwoSteps, train: () => Promise<TwoSteps>) {
  const tensors = tf.memory().numTensors;
  await train();
  expect(tf.memory().numTensors).toBe(tensors);
  unregisterOnnxKernels(backend);
  const composed = await train();
  registerOnnxKernels(backend);
  native.losses.forEach((step, i) => {
    for (const key of ["dLoss", "gLoss", "dReal", "dFake"] as const)
      expect(step[key]).toBeCloseTo(composed.losses[i]![key], 4);
  });
  native.weights.forEach((values, i) => expect(maxDifference(values, composed.weights[i]!)).toBeLessThan(1e-4));
}

beforeAll(() => tf.env().set("PROD", true));
afterAll(() => {
  unregisterOnnxKernels("wasm");
  unregisterOnnxKernels("cpu");
});

describe.each(["wasm", "cpu"] as const)("a training step with the onnxruntime convs on %s", (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    const registered = registerOnnxKernels(backend);
    if (!registered.ok) throw new Error(registered.reason);
  });

  it("matches the step on the backend's own convs and leaks nothing", async () => {
    const batch = tf.tidy(() => tf.tanh(random([4, 16, 16, 1], 7))) as tf.Tensor4D;
    const train = () => twoSteps({ config: TINY, seed: 3 }, batch);
    const filterGradients = onnxKernelCounts().Conv2DBackpropFilter.native;
    const fused = await train();
    // Each filter gradient once per update that trains it: the discriminator's 3 convs twice (real and fake
    // batches), the generator's 3 once. With core's bias kernels (wasm) none for the discriminator during the
    // generator's update; without (cpu) its 2 convs with a bias keep tfjs's all-gradients fused conv.
    const extra = backend === "wasm" ? 0 : 2;
    expect(onnxKernelCounts().Conv2DBackpropFilter.native - filterGradients).toBe(2 * (3 * 2 + 3 + extra));
    await expectLeakFreeAndAsComposed(backend, fused, train);
  });

  it.each(["projection", "channels"] as const)(
    "trains a conditional DCGAN (%s discriminator) as the backend's own convs do, leaking nothing",
    async (conditioning) => {
      const batch = tf.tidy(() => tf.tanh(random([4, 16, 16, 1], 8))) as tf.Tensor4D;
      const options = { config: { ...TINY, numClasses: 3 }, seed: 5, conditioning };
      const train = () => twoSteps(options, batch, [2, 0, 1, 2]);
      await expectLeakFreeAndAsComposed(backend, await train(), train);
      batch.dispose();
    },
  );
});
