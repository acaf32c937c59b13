import {
  ADAM_UPDATE,
  adamInputNames,
  BATCH_NORM_BACKWARD,
  BATCH_NORM_FORWARD,
  BIAS_ACTIVATION_BACKWARD,
  BIAS_ACTIVATION_FORWARD,
  type AdamUpdateAttrs,
  type BatchNormBackwardAttrs,
  type BatchNormForwardAttrs,
  type BiasActivationAttrs,
} from "@ganvas/core";
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import { nativeKernel, type KernelContext } from "./kernel-context";
import { adamGraph, batchNormBackwardGraph, batchNormForwardGraph, biasActivationBackwardGraph, biasActivationForwardGraph } from "./training-graphs";

/** Core's fused kernels take float32 only; anything else goes to the backend's own kernel, if it has one. */
const allFloat32 = (inputs: Record<string, TensorInfo>) => Object.values(inputs).every((info) => info.dtype === "float32");

export function batchNormForward(context: KernelContext, fallback?: KernelFunc): KernelFunc {
  return nativeKernel(BATCH_NORM_FORWARD, context, fallback, ({ inputs, attrs }) => {
    const { x, gamma, beta, movingMean, movingVariance } = inputs as Record<string, TensorInfo>;
    if (!allFloat32(inputs as Record<string, TensorInfo>)) return undefined;
    const graph = batchNormForwardGraph(x!.shape, attrs as unknown as BatchNormForwardAttrs);
    return { graph, inputs: { x: x!, gamma: gamma!, beta: beta!, moving_mean: movingMean!, moving_variance: movingVariance! } };
  });
}

export function batchNormBackward(context: KernelContext, fallback?: KernelFunc): KernelFunc {
  return nativeKernel(BATCH_NORM_BACKWARD, context, fallback, ({ inputs, attrs }) => {
    const { dy, y, xHat, gamma, inverseStd } = inputs as Record<string, TensorInfo>;
    if (!allFloat32(inputs as Record<string, TensorInfo>)) return undefined;
    const graph = batchNormBackwardGraph(dy!.shape, attrs as unknown as BatchNormBackwardAttrs);
    return { graph, inputs: { dy: dy!, y: y!, x_hat: xHat!, gamma: gamma!, inverse_std: inverseStd! } };
  });
}

export function adamUpdate(context: KernelContext, fallback?: KernelFunc): KernelFunc {
  return nativeKernel(ADAM_UPDATE, context, fallback, ({ inputs, attrs }) => {
    const named = inputs as Record<string, TensorInfo>;
    if (!allFloat32(named)) return undefined;
    const settings = attrs as unknown as AdamUpdateAttrs;
    const shapes = Array.from({ length: settings.count }, (_, i) => named[adamInputNames(i)[0]]!.shape);
    const scalar = (value: number) => ({ values: Float32Array.of(value), shape: [] });
    return {
      graph: adamGraph(shapes, settings),
      inputs: { ...named, step_size: scalar(settings.stepSize), second_correction_root: scalar(settings.secondCorrectionRoot) },
    };
  });
}

export function biasActivationForward(context: KernelContext, fallback?: KernelFunc): KernelFunc {
  return nativeKernel(BIAS_ACTIVATION_FORWARD, context, fallback, ({ inputs, attrs }) => {
    const { x, bias } = inputs as Record<string, TensorInfo>;
    if (!allFloat32(inputs as Record<string, TensorInfo>)) return undefined;
    return { graph: biasActivationForwardGraph(x!.shape, attrs as unknown as BiasActivationAttrs), inputs: { x: x!, bias: bias! } };
  });
}

export function biasActivationBackward(context: KernelContext, fallback?: KernelFunc): KernelFunc {
  return nativeKernel(BIAS_ACTIVATION_BACKWARD, context, fallback, ({ inputs, attrs }) => {
    const { dy, y } = inputs as Record<string, TensorInfo>;
    if (!allFloat32(inputs as Record<string, TensorInfo>)) return undefined;
    return { graph: biasActivationBackwardGraph(dy!.shape, attrs as unknown as BiasActivationAttrs), inputs: { dy: dy!, y: y! } };
  });
}
