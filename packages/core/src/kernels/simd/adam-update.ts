import type { KernelConfig } from "@tensorflow/tfjs-core";
import { adamUpdateInJs } from "../js/adam-update";
import { kernelFunc } from "../kernel-args";
import { ADAM_UPDATE, adamUpdateInputs } from "../kernel-names";
import { runOnHeap, simdKernel, size } from "./training-kernels";

const f32 = Math.fround;

const adamUpdate = simdKernel(adamUpdateInJs, ({ exports }, backend, { inputs, attrs }) =>
  inputs.flatMap(({ weight, m, v, gradient }) => {
    const shape = weight.shape;
    return runOnHeap(backend, [weight, m, v, gradient], [shape, shape, shape], 0, ([w, m0, v0, g], [w1, m1, v1]) =>
      exports.adam(
        w,
        m0,
        v0,
        g,
        size(shape),
        f32(attrs.beta1),
        f32(1 - attrs.beta1),
        f32(attrs.beta2),
        f32(1 - attrs.beta2),
        f32(attrs.epsilon),
        f32(attrs.stepSize),
        f32(attrs.secondCorrectionRoot),
        w1,
        m1,
        v1,
      ),
    );
  }),
);

export const adamUpdateWasmConfig: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: "wasm",
  kernelFunc: kernelFunc(adamUpdateInputs, adamUpdate),
};
