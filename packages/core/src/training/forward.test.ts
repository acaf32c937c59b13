import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { buildDiscriminator } from "../models/discriminator";
import { realBatch, TINY } from "../test-support/tiny";
import { hasBiasActivationKernels } from "./bias-activation-training";
import { forwardInTraining } from "./forward";

/** Counts calls of one kernel on the current backend while `body` runs. */
function countCalls(kernelName: string, body: () => void): number {
  const backendName = tf.getBackend();
  const config = tf.getKernel(kernelName, backendName)!;
  let calls = 0;
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...config, kernelFunc: (args) => (calls++, config.kernelFunc(args)) });
  try {
    body();
  } finally {
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel(config);
  }
  return calls;
}

describe("forwardInTraining", () => {
  it("gives the discriminator's own output (tfjs-layers in training mode, same batch statistics)", () => {
    const model = buildDiscriminator(TINY, 3);
    const batch = realBatch(4, 5);
    const ours = forwardInTraining(model, batch);
    const theirs = model.apply(batch, { training: true }) as tf.Tensor;
    const worst = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]!);
    expect(worst).toBeLessThan(1e-5);
    tf.dispose([batch, ours, theirs]);
    model.dispose();
  });

  it("a gradient for the input alone computes no filter gradients it does not need", () => {
    const model = buildDiscriminator(TINY, 3);
    const batch = realBatch(4, 6);
    // TINY's discriminator: 16 -> 8 (bias), 8 -> 4 (no bias), 4x4 -> 1 (bias). Without fused bias kernels
    // (cpu) the two with a bias keep tfjs's fused conv and its all-at-once gradient; with them (wasm) none.
    const calls = countCalls("Conv2DBackpropFilter", () =>
      tf.dispose(tf.grad((x: tf.Tensor) => tf.sum(forwardInTraining(model, x)))(batch)),
    );
    expect(calls).toBe(hasBiasActivationKernels() ? 0 : 2);
    const withWeights = countCalls("Conv2DBackpropFilter", () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(forwardInTraining(model, batch)) as tf.Scalar);
      tf.dispose([value, ...Object.values(grads)]);
    });
    expect(withWeights).toBe(3);
    batch.dispose();
    model.dispose();
  });
});
