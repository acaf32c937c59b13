import type { KernelConfig } from "@tensorflow/tfjs-core";
import { negativeSlope } from "../activations";
import { kernelFunc, type TypedKernelFunc } from "../kernel-args";
import {
  BATCH_NORM_BACKWARD,
  batchNormBackwardInputs,
  type BatchNormBackwardAttrs,
  type BatchNormBackwardInputs,
} from "../kernel-names";
import { computeOnArrays } from "../typed-arrays";

/**
 * The batch-norm gradient in JS loops: dx, dgamma, dbeta, with dz = dy * act'(z), read off the sign of y,
 * and the closed form dx = gamma / sigma * (dz - mean(dz) - x_hat * mean(dz * x_hat)).
 */
export const batchNormBackwardInJs: TypedKernelFunc<BatchNormBackwardInputs, BatchNormBackwardAttrs> = ({
  inputs,
  backend,
  attrs,
}) => {
  const { dy, y, xHat, gamma, inverseStd } = inputs;
  const slope = negativeSlope(attrs);
  const rise = 1 - slope;
  const channels = dy.shape[dy.shape.length - 1] ?? 1;
  return computeOnArrays(
    backend,
    [dy, y, xHat, gamma, inverseStd],
    [dy.shape, [channels], [channels]],
    ([dys, ys, hs, g, invStd], [dx, dGamma, dBeta]) => {
      const perChannel = dys.length / channels;
      const sumDz = new Float64Array(channels);
      const sumDzH = new Float64Array(channels);
      for (let i = 0; i < dys.length; i++) {
        const c = i % channels;
        const dz = dys[i]! * (Number(ys[i]! > 0) * rise + slope);
        sumDz[c]! += dz;
        sumDzH[c]! += dz * hs[i]!;
      }
      const meanDz = new Float64Array(channels);
      const meanDzH = new Float64Array(channels);
      const factor = new Float64Array(channels);
      for (let c = 0; c < channels; c++) {
        dBeta[c] = sumDz[c]!;
        dGamma[c] = sumDzH[c]!;
        meanDz[c] = sumDz[c]! / perChannel;
        meanDzH[c] = sumDzH[c]! / perChannel;
        factor[c] = g[c]! * invStd[c]!;
      }
      for (let i = 0; i < dys.length; i++) {
        const c = i % channels;
        const dz = dys[i]! * (Number(ys[i]! > 0) * rise + slope);
        dx[i] = factor[c]! * (dz - meanDz[c]! - hs[i]! * meanDzH[c]!);
      }
    },
  );
};

export const batchNormBackwardCpuConfig: KernelConfig = {
  kernelName: BATCH_NORM_BACKWARD,
  backendName: "cpu",
  kernelFunc: kernelFunc(batchNormBackwardInputs, batchNormBackwardInJs),
};
