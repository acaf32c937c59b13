import type { KernelConfig, TensorInfo } from "@tensorflow/tfjs-core";
import { branchFree, negativeSlope, type Activation } from "../activations";
import { runBackendKernel, withBackendKernels } from "../backend-kernels";
import { kernelFunc, type KernelArgs } from "../kernel-args";
import {
  BIAS_ACTIVATION_FORWARD,
  biasActivationForwardInputs,
  type BiasActivationAttrs,
  type BiasActivationForwardInputs,
} from "../kernel-names";
import { channelsOf, heapFloats, rowChannels, runOnHeap, simdKernel, size } from "./training-kernels";

/** The wasm backend's kernel for each activation. */
const ACTIVATION_KERNELS: Record<Exclude<Activation, "linear">, string> = {
  relu: "Relu",
  leakyrelu: "LeakyRelu",
  sigmoid: "Sigmoid",
  tanh: "Tanh",
};

/** The composed form, for shapes the SIMD rows do not fit: the backend's own Add and activation kernels. */
function composedBiasActivation(args: KernelArgs<BiasActivationForwardInputs, BiasActivationAttrs>): TensorInfo {
  const {
    inputs: { x, bias },
    attrs,
    backend,
  } = args;
  return withBackendKernels("wasm", backend, (kernels) => {
    const sum = kernels.run("Add", { a: x, b: bias });
    if (attrs.activation === "linear") return sum;
    return kernels.run(ACTIVATION_KERNELS[attrs.activation], { x: sum }, { alpha: attrs.leakyreluAlpha });
  });
}

/** The SIMD add applies the piecewise-linear activations itself; sigmoid and tanh run after it, as wasm's kernels. */
const biasActivationForward = simdKernel(composedBiasActivation, (kernels, backend, { inputs: { x, bias }, attrs }) => {
  const channels = channelsOf(x);
  const row = rowChannels(channels, size(x.shape));
  if (row === undefined || bias.shape.length !== 1 || bias.shape[0] !== channels) return undefined;
  const slope = negativeSlope(attrs);
  const { even, odd } = branchFree(slope ?? 1);
  const [sum] = runOnHeap(backend, [x, bias], [x.shape], row, ([xp, b], [y], repeated) => {
    // The bias repeated to a whole row: `row / channels` copies side by side.
    const heap = heapFloats(kernels);
    for (let i = 0; i < row; i++) heap[repeated / 4 + i] = heap[b / 4 + (i % channels)]!;
    kernels.exports.bias_activation_forward(xp, repeated, size(x.shape), row, even, odd, y);
  });
  if (slope !== undefined) return sum;
  const y = runBackendKernel("wasm", backend, attrs.activation === "sigmoid" ? "Sigmoid" : "Tanh", { x: sum });
  backend.disposeData(sum.dataId);
  return y;
});

export const biasActivationForwardWasmConfig: KernelConfig = {
  kernelName: BIAS_ACTIVATION_FORWARD,
  backendName: "wasm",
  kernelFunc: kernelFunc(biasActivationForwardInputs, biasActivationForward),
};
