import type { KernelConfig } from "@tensorflow/tfjs-core";
import { negativeSlope } from "../activations";
import { kernelFunc, type TypedKernelFunc } from "../kernel-args";
import {
  BIAS_ACTIVATION_BACKWARD,
  biasActivationBackwardInputs,
  type BiasActivationAttrs,
  type BiasActivationBackwardInputs,
} from "../kernel-names";
import { computeOnArrays, isWasmBackend } from "../typed-arrays";
import { channelsOf, heapFloats, rowChannels, runOnHeap, size, trainingKernelsFor } from "./training-kernels";

/** kind 0: slope-style activations (linear, ReLU, LeakyReLU); 1: sigmoid; 2: tanh (see the .wat). */
function derivativeKind({ activation }: BiasActivationAttrs): number {
  return activation === "sigmoid" ? 1 : activation === "tanh" ? 2 : 0;
}

/** dx = dy * act'(y), dbias = sum(dx) per channel, on the heap's arrays, for shapes the SIMD rows do not fit. */
function biasActivationGradientInJs(
  dy: Float32Array,
  y: Float32Array,
  attrs: BiasActivationAttrs,
  dx: Float32Array,
  dBias: Float32Array,
): void {
  const channels = dBias.length;
  const slope = negativeSlope(attrs) ?? 1;
  dBias.fill(0);
  for (let i = 0; i < dy.length; i++) {
    const v = y[i]!;
    const derivative =
      attrs.activation === "sigmoid" ? v * (1 - v) : attrs.activation === "tanh" ? 1 - v * v : v > 0 ? 1 : slope;
    dx[i] = dy[i]! * derivative;
    dBias[i % channels]! += dx[i]!;
  }
}

const biasActivationBackward: TypedKernelFunc<BiasActivationBackwardInputs, BiasActivationAttrs> = ({
  inputs: { dy, y },
  attrs,
  backend,
}) => {
  if (!isWasmBackend(backend)) throw new Error(`${BIAS_ACTIVATION_BACKWARD} runs on the wasm backend only.`);
  const channels = channelsOf(dy);
  const kernels = trainingKernelsFor(backend);
  const row = rowChannels(channels, size(dy.shape));
  if (kernels === undefined || row === undefined) {
    return computeOnArrays(backend, [dy, y], [dy.shape, [channels]], ([dys, ys], [dx, dBias]) =>
      biasActivationGradientInJs(dys, ys, attrs, dx, dBias),
    );
  }
  return runOnHeap(backend, [dy, y], [dy.shape, [channels]], row, ([d, yp], [dx, dBias], rowSums) => {
    const slope = negativeSlope(attrs) ?? 1;
    kernels.exports.bias_activation_backward(d, yp, size(dy.shape), row, derivativeKind(attrs), slope, dx, rowSums);
    // The per-row sums folded to one per channel.
    const heap = heapFloats(kernels);
    for (let c = 0; c < channels; c++) {
      let sum = 0;
      for (let r = c; r < row; r += channels) sum += heap[rowSums / 4 + r]!;
      heap[dBias / 4 + c] = sum;
    }
  });
};

export const biasActivationBackwardWasmConfig: KernelConfig = {
  kernelName: BIAS_ACTIVATION_BACKWARD,
  backendName: "wasm",
  kernelFunc: kernelFunc(biasActivationBackwardInputs, biasActivationBackward),
};
