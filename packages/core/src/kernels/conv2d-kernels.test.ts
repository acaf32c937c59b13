import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { CONV_CASES as CASES, type ConvCase as Case } from "../test-support/conv-cases";
import { randomTensor } from "../test-support/random";
import { composedConv2DBackpropFilter } from "./conv2d-backprop-filter";
import { composedConv2DBackpropInput } from "./conv2d-backprop-input";
import { registerTrainingKernels } from "./register";

/** Output size and leading pads of the forward conv, written out here rather than taken from tfjs. */
function geometry(size: number, kernel: number, stride: number, pad: "valid" | "same" | [number, number]) {
  if (pad === "valid") return { out: Math.floor((size - kernel) / stride) + 1, before: 0 };
  if (pad === "same") {
    const out = Math.ceil(size / stride);
    return { out, before: Math.floor(Math.max((out - 1) * stride + kernel - size, 0) / 2) };
  }
  return { out: Math.floor((size + pad[0] + pad[1] - kernel) / stride) + 1, before: pad[0] };
}

/** Plain loops over the conv's definition: y = conv(x, w); dx and dW for a given dy. */
function referenceConv(c: Case, x: Float32Array, w: Float32Array, dy: Float32Array) {
  const [n, h, wd, cin] = c.x;
  const [kh, kw] = c.kernel;
  const cout = c.outChannels;
  const rows = geometry(h, kh, c.strides[0], Array.isArray(c.pad) ? c.pad[1] : c.pad);
  const cols = geometry(wd, kw, c.strides[1], Array.isArray(c.pad) ? c.pad[2] : c.pad);
  const y = new Float64Array(n * rows.out * cols.out * cout);
  const dx = new Float64Array(x.length);
  const dw = new Float64Array(w.length);
  for (let b = 0; b < n; b++)
    for (let oh = 0; oh < rows.out; oh++)
      for (let ow = 0; ow < cols.out; ow++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const ih = oh * c.strides[0] + i - rows.before;
            const iw = ow * c.strides[1] + j - cols.before;
            if (ih < 0 || ih >= h || iw < 0 || iw >= wd) continue;
            for (let ci = 0; ci < cin; ci++)
              for (let co = 0; co < cout; co++) {
                const xi = ((b * h + ih) * wd + iw) * cin + ci;
                const wi = ((i * kw + j) * cin + ci) * cout + co;
                const yi = ((b * rows.out + oh) * cols.out + ow) * cout + co;
                y[yi]! += x[xi]! * w[wi]!;
                dx[xi]! += dy[yi]! * w[wi]!;
                dw[wi]! += x[xi]! * dy[yi]!;
              }
          }
  return { y, dx, dw, outShape: [n, rows.out, cols.out, cout] };
}

function expectClose(actual: tf.Tensor, expected: Float64Array, expectedShape: number[]) {
  expect(actual.shape).toEqual(expectedShape);
  const values = actual.dataSync();
  const scale = Math.max(1, ...Array.from(expected, Math.abs));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(values[i]! - expected[i]!));
  expect(worst / scale).toBeLessThan(1e-5);
}

describe(`composed conv2d gradient kernels on ${tf.getBackend()}`, () => {
  for (const c of CASES) {
    it(`match a nested-loop reference: ${c.name}`, () => {
      const x = randomTensor<tf.Rank.R4>(c.x, 1);
      const w = randomTensor<tf.Rank.R4>([...c.kernel, c.x[3], c.outChannels], 2);
      const reference = referenceConv(
        c,
        x.dataSync() as Float32Array,
        w.dataSync() as Float32Array,
        new Float32Array(0),
      );
      const dy = randomTensor<tf.Rank.R4>(reference.outShape, 3);
      const expected = referenceConv(
        c,
        x.dataSync() as Float32Array,
        w.dataSync() as Float32Array,
        dy.dataSync() as Float32Array,
      );

      const [dx, dw] = tf.grads((input: tf.Tensor, filter: tf.Tensor) =>
        tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, c.strides, c.pad),
      )([x, w], dy);
      expectClose(dx!, expected.dx, c.x);
      expectClose(dw!, expected.dw, w.shape);
      tf.dispose([x, w, dy, dx!, dw!]);
    });
  }

  for (const c of CASES) {
    it(`both compositions match the reference when called directly: ${c.name}`, () => {
      // Whatever is registered, check each composition itself on this backend.
      const backendName = tf.getBackend();
      const x = randomTensor<tf.Rank.R4>(c.x, 11);
      const w = randomTensor<tf.Rank.R4>([...c.kernel, c.x[3], c.outChannels], 12);
      const { outShape } = referenceConv(c, new Float32Array(x.size), new Float32Array(w.size), new Float32Array(0));
      const dy = randomTensor<tf.Rank.R4>(outShape, 13);
      const expected = referenceConv(
        c,
        x.dataSync() as Float32Array,
        w.dataSync() as Float32Array,
        dy.dataSync() as Float32Array,
      );
      const attrs = { strides: c.strides, pad: c.pad, dataFormat: "NHWC" };
      const dxInfo = composedConv2DBackpropInput(backendName)({
        inputs: { dy, filter: w },
        backend: tf.backend(),
        attrs: { ...attrs, inputShape: c.x },
      });
      const dwInfo = composedConv2DBackpropFilter(backendName)({
        inputs: { x, dy },
        backend: tf.backend(),
        attrs: { ...attrs, filterShape: w.shape },
      });
      const dx = tf.engine().makeTensorFromTensorInfo(dxInfo as tf.TensorInfo);
      const dw = tf.engine().makeTensorFromTensorInfo(dwInfo as tf.TensorInfo);
      expectClose(dx, expected.dx, c.x);
      expectClose(dw, expected.dw, w.shape);
      tf.dispose([x, w, dy, dx, dw]);
    });
  }

  it("runs a transposed conv (the generator's layers) like the reference input gradient", () => {
    const c = CASES[2]!;
    const x = randomTensor<tf.Rank.R4>(c.x, 4);
    const w = randomTensor<tf.Rank.R4>([...c.kernel, c.x[3], c.outChannels], 5);
    const { outShape } = referenceConv(c, new Float32Array(x.size), new Float32Array(w.size), new Float32Array(0));
    const input = randomTensor<tf.Rank.R4>(outShape, 6);
    const expected = referenceConv(
      c,
      x.dataSync() as Float32Array,
      w.dataSync() as Float32Array,
      input.dataSync() as Float32Array,
    );
    const upsampled = tf.conv2dTranspose(input, w, c.x, c.strides, "same");
    expectClose(upsampled, expected.dx, c.x);
    tf.dispose([x, w, input, upsampled]);
  });

  it("frees every intermediate buffer it allocates", () => {
    const c = CASES[3]!;
    const x = randomTensor<tf.Rank.R4>(c.x, 7);
    const w = randomTensor<tf.Rank.R4>([...c.kernel, c.x[3], c.outChannels], 8);
    const buffersBefore = tf.backend().numDataIds();
    const tensorsBefore = tf.memory().numTensors;
    const grads = tf.grads((input: tf.Tensor, filter: tf.Tensor) =>
      tf.sum(tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, c.strides, c.pad)),
    )([x, w]);
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(tf.backend().numDataIds()).toBe(buffersBefore);
    tf.dispose([x, w]);
  });

  it("registers idempotently", () => {
    const before = tf.getKernel("Conv2DBackpropFilter", tf.getBackend())?.kernelFunc;
    registerTrainingKernels(tf.getBackend());
    expect(before).toBeDefined();
    expect(tf.getKernel("Conv2DBackpropFilter", tf.getBackend())?.kernelFunc).toBe(before);
  });

  it("keeps a kernel another package registered over its own (native kernels, say)", () => {
    const backend = tf.getBackend();
    const composed = tf.getKernel("Conv2DBackpropFilter", backend)!;
    const theirs: tf.KernelFunc = (args) => composed.kernelFunc(args);
    tf.unregisterKernel("Conv2DBackpropFilter", backend);
    tf.registerKernel({ ...composed, kernelFunc: theirs });
    try {
      registerTrainingKernels(backend);
      expect(tf.getKernel("Conv2DBackpropFilter", backend)?.kernelFunc).toBe(theirs);
    } finally {
      tf.unregisterKernel("Conv2DBackpropFilter", backend);
      tf.registerKernel(composed);
    }
  });
});
