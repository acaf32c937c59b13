import { DcganTrainer, type DcganConfig } from "@ganvas/core";
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
    const config: DcganConfig = { imageSize: 16, channels: 1, zDim: 6, generatorWidth: 2, discriminatorWidth: 3 };
    const batch = tf.tidy(() => tf.tanh(random([4, 16, 16, 1], 7))) as tf.Tensor4D;
    const train = async () => {
      const trainer = new DcganTrainer({ config, seed: 3 });
      const losses = [await trainer.step(batch), await trainer.step(batch)];
      const weights = trainer.generator.getWeights().map((w) => w.dataSync());
      trainer.dispose();
      return { losses, weights };
    };
    const filterGradients = onnxKernelCounts().Conv2DBackpropFilter.native;
    const fused = await train();
    // Each filter gradient once per update that trains it: the discriminator's 3 convs twice (real and fake
    // batches), the generator's 3 once. With core's bias kernels (wasm) none for the discriminator during the
    // generator's update; without (cpu) its 2 convs with a bias keep tfjs's all-gradients fused conv.
    const extra = backend === "wasm" ? 0 : 2;
    expect(onnxKernelCounts().Conv2DBackpropFilter.native - filterGradients).toBe(2 * (3 * 2 + 3 + extra));
    const tensors = tf.memory().numTensors;
    await train();
    expect(tf.memory().numTensors).toBe(tensors);
    unregisterOnnxKernels(backend);
    const composed = await train();
    registerOnnxKernels(backend);
    fused.losses.forEach((step, i) => {
      for (const key of ["dLoss", "gLoss", "dReal", "dFake"] as const)
        expect(step[key]).toBeCloseTo(composed.losses[i]![key], 4);
    });
    fused.weights.forEach((values, i) => expect(maxDifference(values, composed.weights[i]!)).toBeLessThan(1e-4));
  });
});
