import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import { computeOnArrays } from "./typed-arrays";

/*
 * Batch norm in training mode fused with the activation after it, as two kernels. Composed from tfjs ops,
 * the same work takes about 20 kernel calls and as many passes per layer and step, two of them transposes
 * (wasm reduces over the innermost axis only), and each call costs tens of microseconds of engine
 * bookkeeping on top. Core implements them in JS here (two or three passes each; on cpu) and in
 * WebAssembly SIMD (simd/; on wasm, where these JS loops were slower than wasm's composed kernels).
 */
export const BATCH_NORM_FORWARD = "GanvasBatchNormTrainingForward";
export const BATCH_NORM_BACKWARD = "GanvasBatchNormTrainingBackward";

/** What follows the normalisation: y = act(x_hat * gamma + beta). */
export type BatchNormActivation = "linear" | "relu" | "leakyrelu";

export type BatchNormForwardAttrs = {
  epsilon: number;
  /** Keras-style: the old moving average's weight (PyTorch's momentum is 1 minus this). */
  momentum: number;
  activation: BatchNormActivation;
  leakyreluAlpha: number;
};
export type BatchNormBackwardAttrs = Pick<BatchNormForwardAttrs, "activation" | "leakyreluAlpha">;

/** The activation's slope where its input is negative (1 where it is positive). */
export function negativeSlope({ activation, leakyreluAlpha }: BatchNormBackwardAttrs): number {
  return activation === "relu" ? 0 : activation === "leakyrelu" ? leakyreluAlpha : 1;
}

/*
 * The activation and its derivative are written without branches: with positive and negative values mixed
 * at random, a conditional mispredicts half the time, and that made these loops 2 to 2.5 times slower.
 * act(z) = even * z + odd * |z|, and act'(z) = (y > 0) * (1 - slope) + slope (y = act(z) has z's sign).
 */
export function branchFree(slope: number): { even: number; odd: number } {
  return { even: (1 + slope) / 2, odd: (1 - slope) / 2 };
}

/**
 * Inputs x (channels last), gamma, beta, movingMean, movingVariance. Outputs y, x_hat (saved for the
 * gradient), 1 / sigma, and both moving averages updated as PyTorch does (unbiased batch variance).
 */
export const batchNormForwardInJs: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, gamma, beta, movingMean, movingVariance } = inputs as Record<string, TensorInfo>;
  const { epsilon, momentum } = attrs as unknown as BatchNormForwardAttrs;
  const { even, odd } = branchFree(negativeSlope(attrs as unknown as BatchNormBackwardAttrs));
  const channels = x!.shape[x!.shape.length - 1]!;
  const channelShape = [channels];
  return computeOnArrays(
    backend as KernelBackend,
    [x!, gamma!, beta!, movingMean!, movingVariance!],
    [x!.shape, x!.shape, channelShape, channelShape, channelShape],
    ([xs, g, b, oldMean, oldVariance], [y, xHat, inverseStd, newMean, newVariance]) => {
      const perChannel = xs!.length / channels;
      const sum = new Float64Array(channels);
      const sumOfSquares = new Float64Array(channels);
      for (let i = 0; i < xs!.length; i += channels) {
        for (let c = 0; c < channels; c++) {
          const v = xs![i + c]!;
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
        inverseStd![c] = 1 / Math.sqrt(variance + epsilon);
        scale[c] = inverseStd![c]!;
        const unbiased = variance * (perChannel / Math.max(1, perChannel - 1));
        newMean![c] = oldMean![c]! * momentum + mean[c]! * (1 - momentum);
        newVariance![c] = oldVariance![c]! * momentum + unbiased * (1 - momentum);
      }
      for (let i = 0; i < xs!.length; i += channels) {
        for (let c = 0; c < channels; c++) {
          const h = (xs![i + c]! - mean[c]!) * scale[c]!;
          xHat![i + c] = h;
          const z = h * g![c]! + b![c]!;
          y![i + c] = even * z + odd * Math.abs(z);
        }
      }
    },
  );
};

/**
 * Inputs dy, y (the forward's output), x_hat, gamma, 1 / sigma. Outputs dx, dgamma, dbeta, with
 * dz = dy * act'(z), read off the sign of y, and the closed form
 * dx = gamma / sigma * (dz - mean(dz) - x_hat * mean(dz * x_hat)).
 */
export const batchNormBackwardInJs: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, y, xHat, gamma, inverseStd } = inputs as Record<string, TensorInfo>;
  const slope = negativeSlope(attrs as unknown as BatchNormBackwardAttrs);
  const rise = 1 - slope;
  const channels = dy!.shape[dy!.shape.length - 1]!;
  return computeOnArrays(
    backend as KernelBackend,
    [dy!, y!, xHat!, gamma!, inverseStd!],
    [dy!.shape, [channels], [channels]],
    ([dys, ys, hs, g, invStd], [dx, dGamma, dBeta]) => {
      const perChannel = dys!.length / channels;
      const sumDz = new Float64Array(channels);
      const sumDzH = new Float64Array(channels);
      for (let i = 0; i < dys!.length; i++) {
        const c = i % channels;
        const dz = dys![i]! * (Number(ys![i]! > 0) * rise + slope);
        sumDz[c]! += dz;
        sumDzH[c]! += dz * hs![i]!;
      }
      const meanDz = new Float64Array(channels);
      const meanDzH = new Float64Array(channels);
      const factor = new Float64Array(channels);
      for (let c = 0; c < channels; c++) {
        dBeta![c] = sumDz[c]!;
        dGamma![c] = sumDzH[c]!;
        meanDz[c] = sumDz[c]! / perChannel;
        meanDzH[c] = sumDzH[c]! / perChannel;
        factor[c] = g![c]! * invStd![c]!;
      }
      for (let i = 0; i < dys!.length; i++) {
        const c = i % channels;
        const dz = dys![i]! * (Number(ys![i]! > 0) * rise + slope);
        dx![i] = factor[c]! * (dz - meanDz[c]! - hs![i]! * meanDzH[c]!);
      }
    },
  );
};

export const batchNormCpuKernels: KernelConfig[] = [
  { kernelName: BATCH_NORM_FORWARD, backendName: "cpu", kernelFunc: batchNormForwardInJs },
  { kernelName: BATCH_NORM_BACKWARD, backendName: "cpu", kernelFunc: batchNormBackwardInJs },
];
