import type { KernelConfig } from "@tensorflow/tfjs-core";
import { branchFree, negativeSlope } from "../activations";
import { kernelFunc, type TypedKernelFunc } from "../kernel-args";
import {
  BATCH_NORM_FORWARD,
  batchNormForwardInputs,
  type BatchNormForwardAttrs,
  type BatchNormForwardInputs,
} from "../kernel-names";
import { computeOnArrays } from "../typed-arrays";

/**
 * Batch norm in training mode and the activation after it, in JS loops (three passes): y, x_hat (saved for
 * the gradient), 1 / sigma, and both moving averages updated as PyTorch does (unbiased batch variance).
 */
export const batchNormForwardInJs: TypedKernelFunc<BatchNormForwardInputs, BatchNormForwardAttrs> = ({
  inputs,
  backend,
  attrs,
}) => {
  const { x, gamma, beta, movingMean, movingVariance } = inputs;
  const { epsilon, momentum } = attrs;
  const { even, odd } = branchFree(negativeSlope(attrs));
  const channels = x.shape[x.shape.length - 1] ?? 1;
  const channelShape = [channels];
  return computeOnArrays(
    backend,
    [x, gamma, beta, movingMean, movingVariance],
    [x.shape, x.shape, channelShape, channelShape, channelShape],
    ([xs, g, b, oldMean, oldVariance], [y, xHat, inverseStd, newMean, newVariance]) => {
      const perChannel = xs.length / channels;
      const sum = new Float64Array(channels);
      const sumOfSquares = new Float64Array(channels);
      for (let i = 0; i < xs.length; i += channels) {
        for (let c = 0; c < channels; c++) {
          const v = xs[i + c]!;
          sum[c]! += v;
          sumOfSquares[c]! += v * v;
        }
      }
      const mean = new Float64Array(channels);
      const scale = new Float64Array(channels);
      for (let c = 0; c < channels; c++) {
        mean[c] = sum[c]! / perChannel;
        // Double precision keeps E[x^2] - E[x]^2 accurate for float32 activations.
        const variance = Math.max(0, sumOfSquares[c]! / perChannel - mean[c]! * mean[c]!);
        inverseStd[c] = 1 / Math.sqrt(variance + epsilon);
        scale[c] = inverseStd[c]!;
        const unbiased = variance * (perChannel / Math.max(1, perChannel - 1));
        newMean[c] = oldMean[c]! * momentum + mean[c]! * (1 - momentum);
        newVariance[c] = oldVariance[c]! * momentum + unbiased * (1 - momentum);
      }
      for (let i = 0; i < xs.length; i += channels) {
        for (let c = 0; c < channels; c++) {
          const h = (xs[i + c]! - mean[c]!) * scale[c]!;
          xHat[i + c] = h;
          const z = h * g[c]! + b[c]!;
          y[i + c] = even * z + odd * Math.abs(z);
        }
      }
    },
  );
};

export const batchNormForwardCpuConfig: KernelConfig = {
  kernelName: BATCH_NORM_FORWARD,
  backendName: "cpu",
  kernelFunc: kernelFunc(batchNormForwardInputs, batchNormForwardInJs),
};
