import { ADAM_UPDATE, BATCH_NORM_BACKWARD, BATCH_NORM_FORWARD, BIAS_ACTIVATION_BACKWARD, BIAS_ACTIVATION_FORWARD } from "@ganvas/core";

/** tfjs's conv kernels, replaced on the backend (the previous kernel stays as the fallback). */
export const CONV_KERNEL_NAMES = ["Conv2D", "FusedConv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"] as const;
/** Core's fused training kernels (batch norm or a conv's bias with the activation after it, Adam); without them core composes these. */
export const TRAINING_KERNEL_NAMES = [BATCH_NORM_FORWARD, BATCH_NORM_BACKWARD, BIAS_ACTIVATION_FORWARD, BIAS_ACTIVATION_BACKWARD, ADAM_UPDATE] as const;
export const ONNX_KERNEL_NAMES = [...CONV_KERNEL_NAMES, ...TRAINING_KERNEL_NAMES] as const;
export type OnnxKernelName = (typeof ONNX_KERNEL_NAMES)[number];

/** How often each kernel ran natively and how often it handed a call to the backend's own kernel. */
export type KernelCounts = Record<OnnxKernelName, { native: number; fallback: number }>;
