import * as tf from "@tensorflow/tfjs-core";
import { CONV_CASES, type ConvCase } from "@ganvas/core/test-support/conv-cases";
import { beforeAll, describe, expect, it } from "vitest";
import { useCpu, useWebGpu, worstDifference } from "./support/webgpu";

type Values = { y: Float32Array; dx: Float32Array; dw: Float32Array; transposed: Float32Array };

const random = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, "float32", seed);

/** Forward conv, both gradients (through tf.grads, as training calls them) and a transposed conv, read with data(). */
async function convValues(c: ConvCase): Promise<Values> {
  const [y, dx, dw, transposed] = tf.tidy(() => {
    const x = random(c.x, 1) as tf.Tensor4D;
    const w = random([...c.kernel, c.x[3], c.outChannels], 2) as tf.Tensor4D;
    const forward = tf.conv2d(x, w, c.strides, c.pad);
    const dy = random(forward.shape, 3) as tf.Tensor4D;
    const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
    const [gx, gw] = tf.grads(conv)([x, w], dy);
    return [forward, gx!, gw!, tf.conv2dTranspose(dy, w, c.x, c.strides, c.pad)];
  });
  const values = (await Promise.all([y, dx, dw, transposed].map((t) => t.data()))) as Float32Array[];
  tf.dispose([y, dx, dw, transposed]);
  return { y: values[0]!, dx: values[1]!, dw: values[2]!, transposed: values[3]! };
}

const reference = new Map<string, Values>();

beforeAll(async () => {
  tf.env().set("PROD", true);
  await useCpu();
  for (const c of CONV_CASES) reference.set(c.name, await convValues(c));
  await useWebGpu();
});

describe("core's conv cases on webgpu match the cpu backend", () => {
  it.each(CONV_CASES)("$name: forward, input and filter gradients, transposed", async (c) => {
    const before = tf.memory().numTensors;
    const actual = await convValues(c);
    expect(tf.memory().numTensors).toBe(before);
    const expected = reference.get(c.name)!;
    for (const key of ["y", "dx", "dw", "transposed"] as const) {
      // f32 sums in another order: at most 6e-7 measured on SwiftShader; 5e-5 leaves room for other GPUs.
      expect(worstDifference(actual[key], expected[key]), key).toBeLessThan(5e-5);
    }
  });
});
