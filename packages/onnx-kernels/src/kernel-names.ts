/** tfjs's conv kernels, replaced on the backend (the previous kernel stays as the fallback). */
export const ONNX_KERNEL_NAMES = ["Conv2D", "FusedConv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"] as const;
export type OnnxKernelName = (typeof ONNX_KERNEL_NAMES)[number];

/** How often each kernel ran natively and how often it handed a call to the backend's own kernel. */
export type KernelCounts = Record<OnnxKernelName, { native: number; fallback: number }>;
