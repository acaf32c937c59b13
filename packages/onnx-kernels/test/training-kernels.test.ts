import {
  ADAM_UPDATE,
  adamInputNames,
  BATCH_NORM_BACKWARD,
  BATCH_NORM_FORWARD,
  BIAS_ACTIVATION_BACKWARD,
  BIAS_ACTIVATION_FORWARD,
  DcganTrainer,
  type BiasActivation,
  type AdamUpdateAttrs,
  type BatchNormActivation,
  type BatchNormForwardAttrs,
  type DcganConfig,
} from "@ganvas/core";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-layers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onnxKernelCounts, registerOnnxKernels, unregisterOnnxKernels } from "../src/index";

const random = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, "float32", seed);
const ACTIVATIONS: { activation: BatchNormActivation; leakyreluAlpha: number }[] = [
  { activation: "linear", leakyreluAlpha: 0 },
  { activation: "relu", leakyreluAlpha: 0 },
  { activation: "leakyrelu", leakyreluAlpha: 0.2 },
];

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** The layer as the plain formula, in tfjs ops (its gradient is tfjs's own). */
function plainBatchNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, { epsilon, activation, leakyreluAlpha }: BatchNormForwardAttrs): tf.Tensor {
  const { mean, variance } = tf.moments(x, [0, 1, 2]);
  const z = tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, epsilon))), gamma), beta);
  return activation === "relu" ? tf.relu(z) : activation === "leakyrelu" ? tf.leakyRelu(z, leakyreluAlpha) : z;
}

beforeAll(() => tf.env().set("PROD", true));
afterAll(() => {
  unregisterOnnxKernels("wasm");
  unregisterOnnxKernels("cpu");
});

describe.each(["wasm", "cpu"] as const)("onnxruntime training kernels on %s", (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    const registered = registerOnnxKernels(backend);
    if (!registered.ok) throw new Error(registered.reason);
  });

  it.each(ACTIVATIONS)("batch norm + $activation: values, gradients and moving averages of the plain formula", (following) => {
    const attrs: BatchNormForwardAttrs = { epsilon: 1e-5, momentum: 0.9, ...following };
    const before = onnxKernelCounts();
    tf.tidy(() => {
      const x = tf.mul(random([4, 3, 5, 6], 1), 3);
      const gamma = tf.add(random([6], 2), 1);
      const beta = random([6], 3);
      const movingMean = random([6], 4);
      const movingVariance = tf.add(random([6], 5), 2);
      const dy = random([4, 3, 5, 6], 6);
      const [y, xHat, inverseStd, newMean, newVariance] = tf.engine().runKernel(
        BATCH_NORM_FORWARD,
        { x, gamma, beta, movingMean, movingVariance },
        attrs,
      ) as tf.Tensor[];
      const [dx, dGamma, dBeta] = tf.engine().runKernel(BATCH_NORM_BACKWARD, { dy, y: y!, xHat: xHat!, gamma, inverseStd: inverseStd! }, following) as tf.Tensor[];

      const expected = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => plainBatchNorm(a, g, b, attrs))([x, gamma, beta], dy);
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      const count = x.size / 6;
      expect(maxDifference(y!.dataSync(), plainBatchNorm(x, gamma, beta, attrs).dataSync())).toBeLessThan(1e-5);
      expect(maxDifference(xHat!.dataSync(), tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))).dataSync())).toBeLessThan(1e-5);
      expect(maxDifference(newMean!.dataSync(), tf.add(tf.mul(movingMean, 0.9), tf.mul(mean, 0.1)).dataSync())).toBeLessThan(1e-6);
      const unbiased = tf.mul(variance, count / (count - 1));
      expect(maxDifference(newVariance!.dataSync(), tf.add(tf.mul(movingVariance, 0.9), tf.mul(unbiased, 0.1)).dataSync())).toBeLessThan(1e-5);
      expect(maxDifference(dx!.dataSync(), expected[0]!.dataSync())).toBeLessThan(1e-4);
      expect(maxDifference(dGamma!.dataSync(), expected[1]!.dataSync())).toBeLessThan(1e-4);
      expect(maxDifference(dBeta!.dataSync(), expected[2]!.dataSync())).toBeLessThan(1e-4);
    });
    const after = onnxKernelCounts();
    expect(after[BATCH_NORM_FORWARD].native - before[BATCH_NORM_FORWARD].native).toBe(1);
    expect(after[BATCH_NORM_BACKWARD].native - before[BATCH_NORM_BACKWARD].native).toBe(1);
  });

  it.each(["linear", "relu", "leakyrelu", "sigmoid", "tanh"] as BiasActivation[])("bias + %s: values and gradients of tfjs's own ops", (activation) => {
    const attrs = { activation, leakyreluAlpha: 0.2 };
    const plain = (x: tf.Tensor, bias: tf.Tensor) => {
      const z = tf.add(x, bias);
      return { linear: z, relu: tf.relu(z), leakyrelu: tf.leakyRelu(z, 0.2), sigmoid: tf.sigmoid(z), tanh: tf.tanh(z) }[activation];
    };
    const before = onnxKernelCounts();
    tf.tidy(() => {
      const x = tf.mul(random([3, 4, 5, 6], 8), 2);
      const bias = random([6], 9);
      const dy = random([3, 4, 5, 6], 10);
      const y = tf.engine().runKernel(BIAS_ACTIVATION_FORWARD, { x, bias }, attrs) as tf.Tensor;
      const [dx, dBias] = tf.engine().runKernel(BIAS_ACTIVATION_BACKWARD, { dy, y }, attrs) as tf.Tensor[];
      const [expectedDx, expectedDBias] = tf.grads(plain)([x, bias], dy);
      expect(maxDifference(y.dataSync(), plain(x, bias).dataSync())).toBeLessThan(1e-6);
      expect(maxDifference(dx!.dataSync(), expectedDx!.dataSync())).toBeLessThan(1e-5);
      expect(maxDifference(dBias!.dataSync(), expectedDBias!.dataSync())).toBeLessThan(1e-4);
    });
    const after = onnxKernelCounts();
    expect(after[BIAS_ACTIVATION_FORWARD].native - before[BIAS_ACTIVATION_FORWARD].native).toBe(1);
    expect(after[BIAS_ACTIVATION_BACKWARD].native - before[BIAS_ACTIVATION_BACKWARD].native).toBe(1);
  });

  it("Adam: the composed form's float32 operations, bit for bit, for several weights", () => {
    const shapes = [[3, 4], [5], [2, 2, 2]];
    const settings: AdamUpdateAttrs = { count: 3, beta1: 0.5, beta2: 0.999, epsilon: 1e-8, stepSize: 2e-4 / (1 - 0.5 ** 3), secondCorrectionRoot: Math.sqrt(1 - 0.999 ** 3) };
    tf.tidy(() => {
      const inputs: tf.NamedTensorMap = {};
      shapes.forEach((shape, i) => {
        const [weight, m, v, gradient] = adamInputNames(i);
        Object.assign(inputs, { [weight]: random(shape, 10 + i), [m]: tf.mul(random(shape, 20 + i), 0.01), [v]: tf.abs(tf.mul(random(shape, 30 + i), 1e-4)), [gradient]: random(shape, 40 + i) });
      });
      const before = onnxKernelCounts()[ADAM_UPDATE].native;
      const outputs = tf.engine().runKernel(ADAM_UPDATE, inputs, settings) as tf.Tensor[];
      expect(onnxKernelCounts()[ADAM_UPDATE].native).toBe(before + 1);
      expect(outputs).toHaveLength(9);
      shapes.forEach((_, i) => {
        const [weight, m, v, gradient] = adamInputNames(i).map((name) => inputs[name]!);
        // The composed form in tfjs ops, each result a float32 tensor.
        const m1 = tf.add(tf.mul(m!, settings.beta1), tf.mul(gradient!, 1 - settings.beta1));
        const v1 = tf.add(tf.mul(v!, settings.beta2), tf.mul(tf.square(gradient!), 1 - settings.beta2));
        const denominator = tf.add(tf.div(tf.sqrt(v1), settings.secondCorrectionRoot), settings.epsilon);
        const w1 = tf.sub(weight!, tf.mul(tf.div(m1, denominator), settings.stepSize));
        expect(Array.from(outputs[3 * i]!.dataSync()), `weight ${i}`).toEqual(Array.from(w1.dataSync()));
        expect(Array.from(outputs[3 * i + 1]!.dataSync()), `m ${i}`).toEqual(Array.from(m1.dataSync()));
        expect(Array.from(outputs[3 * i + 2]!.dataSync()), `v ${i}`).toEqual(Array.from(v1.dataSync()));
      });
    });
  });

  it("a training step through them matches the composed step and leaks nothing", () => {
    const config: DcganConfig = { imageSize: 16, channels: 1, zDim: 6, generatorWidth: 2, discriminatorWidth: 3 };
    const batch = tf.tidy(() => tf.tanh(random([4, 16, 16, 1], 7))) as tf.Tensor4D;
    const train = () => {
      const trainer = new DcganTrainer({ config, seed: 3 });
      const losses = [trainer.step(batch), trainer.step(batch)];
      const weights = trainer.generator.getWeights().map((w) => w.dataSync());
      trainer.dispose();
      return { losses, weights };
    };
    const filterGradients = onnxKernelCounts().Conv2DBackpropFilter.native;
    const fused = train();
    // Each filter gradient once per update that trains it: the discriminator's 3 convs twice (real and fake
    // batches), the generator's 3 once; none for the discriminator during the generator's update.
    expect(onnxKernelCounts().Conv2DBackpropFilter.native - filterGradients).toBe(2 * (3 * 2 + 3));
    const tensors = tf.memory().numTensors;
    train();
    expect(tf.memory().numTensors).toBe(tensors);
    unregisterOnnxKernels(backend);
    const composed = train();
    registerOnnxKernels(backend);
    fused.losses.forEach((step, i) => {
      for (const key of ["dLoss", "gLoss", "dReal", "dFake"] as const) expect(step[key]).toBeCloseTo(composed.losses[i]![key], 4);
    });
    fused.weights.forEach((values, i) => expect(maxDifference(values, composed.weights[i]!)).toBeLessThan(1e-4));
  });
});
