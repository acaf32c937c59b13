import type { KernelConfig } from "@tensorflow/tfjs-core";
import { branchFree, negativeSlope } from "../activations";
import { batchNormForwardInJs } from "../js/batch-norm-training-forward";
import { kernelFunc } from "../kernel-args";
import { BATCH_NORM_FORWARD, batchNormForwardInputs } from "../kernel-names";
import { channelsOf, runOnHeap, simdKernel, size } from "./training-kernels";

const batchNormForward = simdKernel(batchNormForwardInJs, ({ exports }, backend, { inputs, attrs }) => {
  const { x, gamma, beta, movingMean, movingVariance } = inputs;
  const channels = channelsOf(x);
  if (channels % 4 !== 0) return undefined; // one f32x4 per 4 channels; the JS loops take the rest
  const { even, odd } = branchFree(negativeSlope(attrs));
  const vector = [channels];
  return runOnHeap(
    backend,
    [x, gamma, beta, movingMean, movingVariance],
    [x.shape, x.shape, vector, vector, vector],
    channels,
    ([xp, g, b, m, v], [y, xHat, inverseStd, newMean, newVariance], mean) =>
      exports.batch_norm_forward(
        xp,
        size(x.shape),
        channels,
        g,
        b,
        m,
        v,
        attrs.momentum,
        attrs.epsilon,
        even,
        odd,
        y,
        xHat,
        inverseStd,
        newMean,
        newVariance,
        mean,
      ),
  );
});

export const batchNormForwardWasmConfig: KernelConfig = {
  kernelName: BATCH_NORM_FORWARD,
  backendName: "wasm",
  kernelFunc: kernelFunc(batchNormForwardInputs, batchNormForward),
};
