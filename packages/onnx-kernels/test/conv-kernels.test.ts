import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
// tfjs-layers registers tfjs-core's gradient functions (tfjs-core alone ships none in its Node build).
import "@tensorflow/tfjs-layers";
import { CONV_CASES, type ConvCase } from "@ganvas/core/test-support/conv-cases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  onnxKernelCounts,
  registerOnnxKernels,
  unregisterOnnxKernels,
  type OnnxKernelBackend,
  type OnnxKernelName,
} from "../src/index";

// Core's kernel-test geometries, plus ones wide enough (32 input channels) for the patches filter gradient,
// and small images that take the patches forward and the input gradient by phases.
const CASES: ConvCase[] = [
  ...CONV_CASES,
  {
    name: "32 channels, stride 2, same (DCGAN)",
    x: [2, 8, 8, 32],
    kernel: [4, 4],
    outChannels: 8,
    strides: [2, 2],
    pad: "same",
  },
  {
    name: "32 channels, stride 3, kernel 5",
    x: [2, 12, 9, 32],
    kernel: [5, 5],
    outChannels: 4,
    strides: [3, 3],
    pad: "same",
  },
  {
    name: "32 channels, unequal strides (2, 1)",
    x: [2, 8, 6, 32],
    kernel: [3, 4],
    outChannels: 4,
    strides: [2, 1],
    pad: "same",
  },
  {
    name: "stride 3, kernel 5, small image (patches and phases)",
    x: [2, 6, 6, 4],
    kernel: [5, 5],
    outChannels: 3,
    strides: [3, 3],
    pad: "same",
  },
];

function random(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, "float32", seed);
}

type Values = { y: Float32Array; dx: Float32Array; dw: Float32Array; transposed: Float32Array };

/** Forward conv, both gradients (through tf.grads, as training calls them) and a transposed conv. */
function convValues(c: ConvCase): Values {
  return tf.tidy(() => {
    const x = random(c.x, 1) as tf.Tensor4D;
    const w = random([...c.kernel, c.x[3], c.outChannels], 2) as tf.Tensor4D;
    const y = tf.conv2d(x, w, c.strides, c.pad);
    const dy = random(y.shape, 3) as tf.Tensor4D;
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad),
    )([x, w], dy);
    const transposed = tf.conv2dTranspose(dy, w, c.x, c.strides, c.pad);
    return {
      y: y.dataSync() as Float32Array,
      dx: dx!.dataSync() as Float32Array,
      dw: dw!.dataSync() as Float32Array,
      transposed: transposed.dataSync() as Float32Array,
    };
  });
}

// tfjs's own cpu conv kernels, before anything of ours is registered over them (core's come with ours).
const CPU_KERNELS = ["Conv2D", "FusedConv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"].map((name) =>
  tf.getKernel(name, "cpu")!,
);

/** The reference: tfjs's cpu backend with its own (plain loop) kernels, nothing of ours registered. */
async function onReference<T>(body: () => T): Promise<T> {
  unregisterOnnxKernels("cpu");
  await tf.setBackend("cpu");
  const ours = CPU_KERNELS.map((own) => tf.getKernel(own.kernelName, "cpu"));
  const swap = (configs: (tf.KernelConfig | undefined)[]) =>
    configs.forEach((config, i) => {
      tf.unregisterKernel(CPU_KERNELS[i]!.kernelName, "cpu");
      if (config !== undefined) tf.registerKernel(config);
    });
  swap(CPU_KERNELS);
  try {
    return body();
  } finally {
    swap(ours);
  }
}

async function onOnnx<T>(backend: OnnxKernelBackend, body: () => T): Promise<T> {
  await tf.setBackend(backend);
  const registered = registerOnnxKernels(backend, { threads: 2 });
  if (!registered.ok) throw new Error(registered.reason);
  return body();
}

function expectClose(actual: Float32Array, expected: Float32Array) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / (1 + Math.abs(expected[i]!)));
  expect(worst).toBeLessThan(1e-5);
}

function nativeCalls(): Record<OnnxKernelName, number> {
  const counts = onnxKernelCounts();
  return Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, count.native])) as Record<
    OnnxKernelName,
    number
  >;
}

beforeAll(() => {
  tf.env().set("PROD", true);
});
afterAll(() => {
  unregisterOnnxKernels("wasm");
  unregisterOnnxKernels("cpu");
});

describe.each(["wasm", "cpu"] as const)("onnxruntime conv kernels on %s", (backend) => {
  it.each(CASES)("match tfjs's reference kernels: $name", async (c) => {
    const expected = await onReference(() => convValues(c));
    const before = nativeCalls();
    const actual = await onOnnx(backend, () => convValues(c));
    const after = nativeCalls();
    // Every conv of the case ran in ORT, none fell back.
    expect(after.Conv2D - before.Conv2D).toBeGreaterThanOrEqual(2);
    expect(after.Conv2DBackpropInput - before.Conv2DBackpropInput).toBe(2);
    expect(after.Conv2DBackpropFilter - before.Conv2DBackpropFilter).toBe(1);
    expectClose(actual.y, expected.y);
    expectClose(actual.dx, expected.dx);
    expectClose(actual.dw, expected.dw);
    expectClose(actual.transposed, expected.transposed);
  });

  it.each(["linear", "relu", "leakyrelu", "sigmoid"] as const)(
    "fuse bias and %s activation as tfjs does",
    async (activation) => {
      const run = () =>
        tf.tidy(() => {
          const x = random([2, 9, 8, 3], 4) as tf.Tensor4D;
          const w = random([4, 4, 3, 5], 5) as tf.Tensor4D;
          const bias = random([5], 6);
          return tf.fused
            .conv2d({ x, filter: w, strides: 2, pad: "same", bias, activation, leakyreluAlpha: 0.2 })
            .dataSync() as Float32Array;
        });
      const expected = await onReference(run);
      const before = onnxKernelCounts().FusedConv2D;
      const actual = await onOnnx(backend, run);
      expect(onnxKernelCounts().FusedConv2D.native).toBe(before.native + 1);
      expectClose(actual, expected);
    },
  );

  it("hands calls its graphs do not cover to the backend's own kernel (elu, prelu)", async () => {
    const run = () =>
      tf.tidy(() => {
        const x = random([2, 6, 6, 2], 7) as tf.Tensor4D;
        const w = random([3, 3, 2, 3], 8) as tf.Tensor4D;
        const elu = tf.fused.conv2d({ x, filter: w, strides: 1, pad: "same", bias: random([3], 9), activation: "elu" });
        const prelu = tf.fused.conv2d({
          x,
          filter: w,
          strides: 1,
          pad: "same",
          activation: "prelu",
          preluActivationWeights: tf.fill([3], 0.1),
        });
        return [elu.dataSync() as Float32Array, prelu.dataSync() as Float32Array];
      });
    const expected = await onReference(run);
    const before = onnxKernelCounts().FusedConv2D;
    const actual = await onOnnx(backend, run);
    const after = onnxKernelCounts().FusedConv2D;
    expect(after.fallback - before.fallback).toBe(2);
    expect(after.native).toBe(before.native);
    expectClose(actual[0]!, expected[0]!);
    expectClose(actual[1]!, expected[1]!);
  });

  it("runs dilated forward convs too (through ONNX's Conv rather than patches)", async () => {
    const run = () =>
      tf.tidy(
        () =>
          tf
            .conv2d(
              random([2, 9, 9, 3], 10) as tf.Tensor4D,
              random([3, 3, 3, 4], 11) as tf.Tensor4D,
              1,
              "same",
              "NHWC",
              2,
            )
            .dataSync() as Float32Array,
      );
    const expected = await onReference(run);
    const before = onnxKernelCounts().Conv2D.native;
    const actual = await onOnnx(backend, run);
    expect(onnxKernelCounts().Conv2D.native).toBe(before + 1);
    expectClose(actual, expected);
  });

  it("leaves no tensors or backend memory behind", async () => {
    await onOnnx(backend, () => convValues(CASES[2]!)); // warm: sessions built
    const before = { ...tf.memory(), dataIds: tf.engine().backend.numDataIds() };
    await onOnnx(backend, () => convValues(CASES[2]!));
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    expect(tf.engine().backend.numDataIds()).toBe(before.dataIds);
  });
});

describe("registering the onnxruntime kernels", () => {
  it("is idempotent: a second call with the same settings keeps the kernels (and their sessions) in place", async () => {
    await tf.setBackend("wasm");
    unregisterOnnxKernels("wasm");
    const original = tf.getKernel("Conv2D", "wasm")?.kernelFunc;
    const first = registerOnnxKernels("wasm", { threads: 1 });
    const kernel = tf.getKernel("Conv2D", "wasm")?.kernelFunc;
    expect(registerOnnxKernels("wasm", { threads: 1 })).toEqual(first);
    expect(tf.getKernel("Conv2D", "wasm")?.kernelFunc).toBe(kernel);
    registerOnnxKernels("wasm", { threads: 2 }); // other settings: new kernels
    expect(tf.getKernel("Conv2D", "wasm")?.kernelFunc).not.toBe(kernel);
    unregisterOnnxKernels("wasm"); // and back to the backend's own
    expect(tf.getKernel("Conv2D", "wasm")?.kernelFunc).toBe(original);
  });
});
