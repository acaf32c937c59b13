import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { batchNorm } from "../models/batch-norm";
import { withoutKernels } from "../test-support/kernel-switch";
import { randomTensor } from "../test-support/random";
import { Adam } from "../training/adam";
import { batchNormInTraining, type FollowingActivation } from "../training/batch-norm-training";
import type { Activation } from "./activations";
import {
  ADAM_UPDATE,
  BATCH_NORM_BACKWARD,
  BATCH_NORM_FORWARD,
  BIAS_ACTIVATION_BACKWARD,
  BIAS_ACTIVATION_FORWARD,
} from "./kernel-names";
import { simdKernelsRunOn } from "./simd/training-kernels";

const BATCH_NORM = [BATCH_NORM_FORWARD, BATCH_NORM_BACKWARD];
const BIAS_ACTIVATION = [BIAS_ACTIVATION_FORWARD, BIAS_ACTIVATION_BACKWARD];
const backend = tf.getBackend();

function builtBatchNorm(channels: number) {
  const layer = batchNorm(`bn_fused_${channels}_${Math.random().toString(36).slice(2)}`);
  layer.build([null, 4, 4, channels]);
  const [gamma, beta] = layer.trainableWeights;
  gamma!.write(tf.tensor1d(Array.from({ length: channels }, (_, i) => 1 + 0.1 * i)));
  beta!.write(tf.tensor1d(Array.from({ length: channels }, (_, i) => 0.05 * i - 0.1)));
  return layer;
}

/** Output, input gradient, gamma and beta gradients, and the moving averages after one call. */
function batchNormResults(following: FollowingActivation, channels: number) {
  const layer = builtBatchNorm(channels);
  const x = tf.mul(randomTensor([5, 4, 4, channels], 11), 2);
  const dy = randomTensor([5, 4, 4, channels], 12);
  const [gamma, beta] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => tf.sum(tf.mul(batchNormInTraining(layer, x, following), dy)),
    [gamma!, beta!],
  );
  const y = batchNormInTraining(layer, x, following);
  const dx = tf.grad((input: tf.Tensor) => batchNormInTraining(layer, input, following))(x, dy);
  const arrays = [
    y,
    dx,
    grads[gamma!.name]!,
    grads[beta!.name]!,
    ...layer.nonTrainableWeights.map((w) => w.read()),
  ].map((t) => t.dataSync() as Float32Array);
  tf.dispose([x, dy, value, y, dx, ...Object.values(grads)]);
  return arrays;
}

function expectClose(actual: Float32Array[], expected: Float32Array[], tolerance: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((values, i) => {
    let worst = 0;
    values.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - expected[i]![j]!))));
    expect(worst, `result ${i}`).toBeLessThan(tolerance);
  });
}

describe(`core's fused training kernels on ${backend}`, () => {
  it("are registered: JS loops on cpu, WebAssembly SIMD on wasm", () => {
    const expected =
      backend === "cpu" ? [...BATCH_NORM, ADAM_UPDATE] : [...BATCH_NORM, ...BIAS_ACTIVATION, ADAM_UPDATE];
    for (const name of expected) expect(tf.getKernel(name, backend), name).toBeDefined();
    // On wasm the SIMD module binds to the backend's own memory (else every call would take the JS path).
    expect(simdKernelsRunOn(tf.backend())).toBe(backend === "wasm");
  });

  // 8 channels take the SIMD loops on wasm, 3 the JS loops (one f32x4 per 4 channels).
  it.each([
    { activation: "linear", leakyreluAlpha: 0, channels: 8 },
    { activation: "relu", leakyreluAlpha: 0, channels: 8 },
    { activation: "leakyrelu", leakyreluAlpha: 0.2, channels: 8 },
    { activation: "relu", leakyreluAlpha: 0, channels: 3 },
    { activation: "leakyrelu", leakyreluAlpha: 0.2, channels: 3 },
  ] as const)(
    "batch norm + $activation ($channels channels) gives the composed form's values, gradients and moving averages",
    ({ channels, ...following }) => {
      const composed = withoutKernels(BATCH_NORM, () => batchNormResults(following, channels));
      const fused = batchNormResults(following, channels);
      expectClose(fused, composed, 1e-5);
      // The activation really was applied: relu leaves no negatives, leaky scales them by alpha.
      if (following.activation === "relu") expect(Math.min(...fused[0]!)).toBeGreaterThanOrEqual(0);
      if (following.activation !== "relu") expect(Math.min(...fused[0]!)).toBeLessThan(0);
    },
  );

  // 1 and 3 channels fill SIMD rows by repeating the bias; [2, 3, 3, 3] does not divide into rows of 12.
  it.each(
    (["linear", "relu", "leakyrelu", "sigmoid", "tanh"] as Activation[]).flatMap((activation) =>
      [
        [4, 3, 3, 8],
        [4, 4, 4, 1],
        [4, 4, 4, 3],
        [2, 3, 3, 3],
      ].map((shape) => ({ activation, shape })),
    ),
  )("bias + $activation on $shape: tfjs's values and gradients", ({ activation, shape }) => {
    if (backend !== "wasm") return; // the cpu backend has no such kernel: training keeps tfjs's fused conv there
    const attrs = { activation, leakyreluAlpha: 0.2 };
    const plain = (x: tf.Tensor, bias: tf.Tensor) => {
      const z = tf.add(x, bias);
      return { linear: z, relu: tf.relu(z), leakyrelu: tf.leakyRelu(z, 0.2), sigmoid: tf.sigmoid(z), tanh: tf.tanh(z) }[
        activation
      ];
    };
    tf.tidy(() => {
      const x = tf.mul(randomTensor(shape, 14), 2);
      const bias = randomTensor([shape[3]!], 15);
      const dy = randomTensor(shape, 16);
      const y = tf.engine().runKernel(BIAS_ACTIVATION_FORWARD, { x, bias }, attrs) as tf.Tensor;
      const [dx, dBias] = tf.engine().runKernel(BIAS_ACTIVATION_BACKWARD, { dy, y }, attrs) as tf.Tensor[];
      const [expectedDx, expectedDBias] = tf.grads(plain)([x, bias], dy);
      expectClose(
        [y, dx!, dBias!].map((t) => t.dataSync() as Float32Array),
        [plain(x, bias), expectedDx!, expectedDBias!].map((t) => t.dataSync() as Float32Array),
        1e-5,
      );
    });
  });

  it("batch norm keeps only its output alive", () => {
    const layer = builtBatchNorm(2);
    const x = randomTensor([2, 4, 4, 2], 13);
    const before = tf.memory().numTensors;
    batchNormInTraining(layer, x, { activation: "relu", leakyreluAlpha: 0 }).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
  });

  it("Adam gives the composed form's bits over several steps", () => {
    const run = () => {
      const weights = [randomTensor([3, 4], 20), randomTensor([5], 21)].map((t, i) => {
        const variable = tf.variable(t, true, `adam_fused_${i}_${Math.random().toString(36).slice(2)}`);
        t.dispose();
        return { read: () => variable, shape: variable.shape, originalName: `w${i}`, variable };
      });
      const adam = new Adam(weights as never, { learningRate: 2e-4, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 });
      for (let step = 0; step < 3; step++) {
        const gradients = [randomTensor([3, 4], 30 + step), randomTensor([5], 40 + step)];
        adam.apply(gradients);
        tf.dispose(gradients);
      }
      const state = adam.getWeights();
      const values = [
        ...weights.map((w) => w.variable.dataSync() as Float32Array),
        ...state.map((s) => s.tensor.dataSync() as Float32Array),
      ];
      tf.dispose([...state.map((s) => s.tensor), ...weights.map((w) => w.variable)]);
      adam.dispose();
      return values;
    };
    const composed = withoutKernels([ADAM_UPDATE], run);
    const fused = run();
    fused.forEach((values, i) => expect(Array.from(values), `array ${i}`).toEqual(Array.from(composed[i]!)));
  });
});
