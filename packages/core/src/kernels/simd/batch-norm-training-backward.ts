import type { KernelConfig } from "@tensorflow/tfjs-core";
import { negativeSlope } from "../activations";
import { batchNormBackwardInJs } from "../js/batch-norm-training-backward";
import { kernelFunc } from "../kernel-args";
import { BATCH_NORM_BACKWARD, batchNormBackwardInputs } from "../kernel-names";
import { channelsOf, runOnHeap, simdKernel, size } from "./training-kernels";

const batchNormBackward = simdKernel(batchNormBackwardInJs, ({ exports }, backend, { inputs, attrs }) => {
  const { dy, y, xHat, gamma, inverseStd } = inputs;
  const channels = channelsOf(dy);
  if (channels % 4 !== 0) return undefined;
  const slope = negativeSlope(attrs);
  return runOnHeap(
    backend,
    [dy, y, xHat, gamma, inverseStd],
    [dy.shape, [channels], [channels]],
    3 * channels,
    ([d, yp, h, g, inv], [dx, dGamma, dBeta], scratch) =>
      exports.batch_norm_backward(d, yp, h, g, inv, size(dy.shape), channels, slope, dx, dGamma, dBeta, scratch),
  );
});

export const batchNormBackwardWasmConfig: KernelConfig = {
  kernelName: BATCH_NORM_BACKWARD,
  backendName: "wasm",
  kernelFunc: kernelFunc(batchNormBackwardInputs, batchNormBackward),
};
