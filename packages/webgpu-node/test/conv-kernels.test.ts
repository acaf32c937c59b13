import * as tf from "@tensorflow/tfjs-core";
import { CONV_CASES, CONV_OUTPUTS, convCaseOutputs, type ConvOutputs } from "@ganvas/core/test-support/conv-cases";
import { beforeAll, describe, expect, it } from "vitest";
import { useCpu, useWebGpu, worstDifference } from "./support/webgpu";

const reference = new Map<string, ConvOutputs>();

beforeAll(async () => {
  tf.env().set("PROD", true);
  await useCpu();
  for (const c of CONV_CASES) reference.set(c.name, await convCaseOutputs(c));
  await useWebGpu();
});

describe("core's conv cases on webgpu match the cpu backend", () => {
  it.each(CONV_CASES)("$name: forward, input and filter gradients, transposed", async (c) => {
    const before = tf.memory().numTensors;
    const actual = await convCaseOutputs(c);
    expect(tf.memory().numTensors).toBe(before);
    const expected = reference.get(c.name)!;
    for (const key of CONV_OUTPUTS) {
      // f32 sums in another order: at most 6e-7 measured on SwiftShader; 5e-5 leaves room for other GPUs.
      expect(worstDifference(actual[key], expected[key]), key).toBeLessThan(5e-5);
    }
  });
});
