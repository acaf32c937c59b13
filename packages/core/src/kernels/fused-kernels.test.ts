import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { batchNorm } from "../models/batch-norm";
import { withoutKernels } from "../test-support/kernel-switch";
import { randomTensor } from "../test-support/random";
import { Adam } from "../training/adam";
import { batchNormInTraining, type FollowingActivation } from "../training/batch-norm-training";
import { ADAM_UPDATE } from "./adam-kernel";
import { BATCH_NORM_BACKWARD, BATCH_NORM_FORWARD } from "./batch-norm-kernels";

const BATCH_NORM = [BATCH_NORM_FORWARD, BATCH_NORM_BACKWARD];
const backend = tf.getBackend();
const hasOwnKernels = backend === "cpu";

function builtBatchNorm(channels: number) {
  const layer = batchNorm(`bn_fused_${channels}_${Math.random().toString(36).slice(2)}`);
  layer.build([null, 4, 4, channels]);
  const [gamma, beta] = layer.trainableWeights;
  gamma!.write(tf.tensor1d(Array.from({ length: channels }, (_, i) => 1 + 0.1 * i)));
  beta!.write(tf.tensor1d(Array.from({ length: channels }, (_, i) => 0.05 * i - 0.1)));
  return layer;
}

/** Output, input gradient, gamma and beta gradients, and the moving averages after one call. */
function batchNormResults(following: FollowingActivation) {
  const layer = builtBatchNorm(3);
  const x = tf.mul(randomTensor([5, 4, 4, 3], 11), 2);
  const dy = randomTensor([5, 4, 4, 3], 12);
  const [gamma, beta] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(batchNormInTraining(layer, x, following), dy)), [gamma!, beta!]);
  const y = batchNormInTraining(layer, x, following);
  const dx = tf.grad((input: tf.Tensor) => batchNormInTraining(layer, input, following))(x, dy);
  const arrays = [y, dx, grads[gamma!.name]!, grads[beta!.name]!, ...layer.nonTrainableWeights.map((w) => w.read())].map(
    (t) => t.dataSync() as Float32Array,
  );
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
  it(`are registered ${hasOwnKernels ? "on cpu" : "only on cpu, so wasm composes them (onnx-kernels provides them there)"}`, () => {
    for (const name of [...BATCH_NORM, ADAM_UPDATE]) expect(tf.getKernel(name, backend) !== undefined).toBe(hasOwnKernels);
  });

  it.each([
    { activation: "linear", leakyreluAlpha: 0 },
    { activation: "relu", leakyreluAlpha: 0 },
    { activation: "leakyrelu", leakyreluAlpha: 0.2 },
  ] as const)("batch norm + $activation gives the composed form's values, gradients and moving averages", (following) => {
    const composed = withoutKernels(BATCH_NORM, () => batchNormResults(following));
    const fused = batchNormResults(following);
    expectClose(fused, composed, 1e-5);
    // The activation really was applied: relu leaves no negatives, leaky scales them by alpha.
    if (following.activation === "relu") expect(Math.min(...fused[0]!)).toBeGreaterThanOrEqual(0);
    if (following.activation !== "relu") expect(Math.min(...fused[0]!)).toBeLessThan(0);
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
      const values = [...weights.map((w) => w.variable.dataSync() as Float32Array), ...state.map((s) => s.tensor.dataSync() as Float32Array)];
      tf.dispose([...state.map((s) => s.tensor), ...weights.map((w) => w.variable)]);
      adam.dispose();
      return values;
    };
    const composed = withoutKernels([ADAM_UPDATE], run);
    const fused = run();
    fused.forEach((values, i) => expect(Array.from(values), `array ${i}`).toEqual(Array.from(composed[i]!)));
  });
});
