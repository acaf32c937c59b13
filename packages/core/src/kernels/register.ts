import { getKernel, registerKernel, unregisterKernel, type KernelConfig, type KernelFunc } from "@tensorflow/tfjs-core";
import { composedConv2DBackpropFilter } from "./conv2d-backprop-filter";
import { composedConv2DBackpropInput } from "./conv2d-backprop-input";
import { adamUpdateCpuConfig } from "./js/adam-update";
import { batchNormBackwardCpuConfig } from "./js/batch-norm-training-backward";
import { batchNormForwardCpuConfig } from "./js/batch-norm-training-forward";
import {
  ADAM_UPDATE,
  BATCH_NORM_BACKWARD,
  BATCH_NORM_FORWARD,
  BIAS_ACTIVATION_BACKWARD,
  BIAS_ACTIVATION_FORWARD,
} from "./kernel-names";
import { sharedIdentity } from "./shared-identity";
import { adamUpdateWasmConfig } from "./simd/adam-update";
import { batchNormBackwardWasmConfig } from "./simd/batch-norm-training-backward";
import { batchNormForwardWasmConfig } from "./simd/batch-norm-training-forward";
import { biasActivationBackwardWasmConfig } from "./simd/bias-activation-backward";
import { biasActivationForwardWasmConfig } from "./simd/bias-activation-forward";
import { simdSupported } from "./simd/training-kernels";

type Composition = (backendName: string, fallback?: KernelFunc) => KernelFunc;

/**
 * Which kernels each backend gets, by measurement on a 2-core CPU (see the package README):
 * - Conv2DBackpropFilter: wasm has none (conv training fails there); cpu's own is far slower than the composition.
 * - Conv2DBackpropInput: wasm runs it in a plain loop, while its Conv2D runs in XNNPACK.
 * - Identity: wasm copies the buffer; the tape clones hundreds of tensors per step through it.
 */
const COMPOSITIONS: Record<string, Partial<Record<string, Composition>>> = {
  wasm: {
    Conv2DBackpropFilter: composedConv2DBackpropFilter,
    Conv2DBackpropInput: composedConv2DBackpropInput,
    Identity: sharedIdentity,
  },
  cpu: { Conv2DBackpropFilter: composedConv2DBackpropFilter },
};

/** The kernels behind each of core's training speed-ups (benchmarks switch them off one group at a time). */
export const TRAINING_KERNEL_GROUPS = {
  "shared Identity": ["Identity"],
  "fused batch norm": [BATCH_NORM_FORWARD, BATCH_NORM_BACKWARD],
  "fused bias + activation": [BIAS_ACTIVATION_FORWARD, BIAS_ACTIVATION_BACKWARD],
  "fused Adam": [ADAM_UPDATE],
} as const;

/**
 * Kernels core adds under its own names (kernel-names.ts): JS loops on cpu; WebAssembly SIMD on wasm, where
 * the same JS loops were slower than wasm's composed kernels (`pnpm --filter @ganvas/onnx-kernels bench:levers`),
 * or none where this WebAssembly lacks SIMD (training then composes them).
 */
const CPU_KERNELS: KernelConfig[] = [batchNormForwardCpuConfig, batchNormBackwardCpuConfig, adamUpdateCpuConfig];
const WASM_KERNELS: KernelConfig[] = [
  batchNormForwardWasmConfig,
  batchNormBackwardWasmConfig,
  biasActivationForwardWasmConfig,
  biasActivationBackwardWasmConfig,
  adamUpdateWasmConfig,
];
const OWN_KERNELS: Record<string, () => KernelConfig[]> = {
  cpu: () => CPU_KERNELS,
  wasm: () => (simdSupported() ? WASM_KERNELS : []),
};

const installed = new Map<string, KernelFunc>();
/** The kernel each backend shipped with, seen on the first registration. */
const shipped = new Map<string, KernelFunc | undefined>();

/**
 * Registers the composed and fused training kernels for a backend (a no-op for backends without any, e.g. tfjs-node's
 * 'tensorflow' or 'webgl'). Idempotent; call before training on that backend. A kernel that another package
 * registered over the composed one afterwards stays in place.
 */
export function registerTrainingKernels(backendName: string): void {
  for (const config of OWN_KERNELS[backendName]?.() ?? []) {
    if (getKernel(config.kernelName, backendName) === undefined) registerKernel(config);
  }
  const compositions = COMPOSITIONS[backendName] ?? {};
  for (const [kernelName, compose] of Object.entries(compositions)) {
    if (compose === undefined) continue;
    const key = `${backendName}/${kernelName}`;
    const current = getKernel(kernelName, backendName);
    if (!shipped.has(key)) shipped.set(key, current?.kernelFunc);
    if (current !== undefined && current.kernelFunc === installed.get(key)) continue;
    // Replaced since by someone else's kernel (native kernels, say): theirs is deliberate, keep it.
    if (current?.kernelFunc !== shipped.get(key)) continue;
    const kernelFunc = compose(backendName, current?.kernelFunc);
    if (current !== undefined) unregisterKernel(kernelName, backendName);
    registerKernel({ ...current, kernelName, backendName, kernelFunc });
    installed.set(key, kernelFunc);
  }
}
