import { availableParallelism } from "node:os";
import { getKernel, registerKernel, unregisterKernel, type KernelFunc } from "@tensorflow/tfjs-core";
import { registerTrainingKernels } from "@ganvas/core";
import {
  conv2D,
  conv2DBackpropFilter,
  conv2DBackpropInput,
  fusedConv2D,
  ONNX_KERNEL_NAMES,
  type KernelContext,
  type KernelCounts,
  type OnnxKernelName,
} from "./conv-kernels";
import { loadOnnxRuntime } from "./onnx-runtime";
import { SessionCache } from "./session-cache";
import { sessionOptions } from "./session-options";

export type OnnxKernelOptions = {
  /** ORT's intra-op threads for large convs; defaults to every core. */
  threads?: number;
  /** Convs below this many multiply-adds run on one thread. */
  parallelMinMultiplyAdds?: number;
};

/**
 * Waking a second thread costs more than it saves on small convs: the fast preset's step (largest conv 134M
 * multiply-adds) took about 120 ms with one ORT thread and 130 to 165 ms with two, while the tutorial's
 * (268M and up) took 9.6 s with two and 14.4 s with one.
 */
const PARALLEL_MIN_MULTIPLY_ADDS = 200_000_000;

export type OnnxKernelsResult =
  | { ok: true; runtimeVersion: string; threads: number; kernels: readonly OnnxKernelName[] }
  | { ok: false; reason: string };

const FACTORIES: Record<OnnxKernelName, (context: KernelContext, fallback?: KernelFunc) => KernelFunc> = {
  Conv2D: conv2D,
  FusedConv2D: fusedConv2D,
  Conv2DBackpropInput: conv2DBackpropInput,
  Conv2DBackpropFilter: conv2DBackpropFilter,
};

/** The backends whose tensors the kernels can read: wasm (in place, on its heap) and cpu (by copy). */
export const ONNX_KERNEL_BACKENDS = ["wasm", "cpu"] as const;
export type OnnxKernelBackend = (typeof ONNX_KERNEL_BACKENDS)[number];

const installed = new Map<
  string,
  { kernelFunc: KernelFunc; restore?: ReturnType<typeof getKernel>; settings: string }
>();
const counts = Object.fromEntries(ONNX_KERNEL_NAMES.map((name) => [name, { native: 0, fallback: 0 }])) as KernelCounts;

/**
 * Routes a backend's conv kernels (forward, fused, both gradients) through onnxruntime-node's native CPU
 * kernels. Core's training kernels are registered first, and each replaced kernel stays as the fallback
 * for calls ORT's graphs do not cover (NCHW, dilated gradients, non-float inputs). Returns why not,
 * instead of throwing, when onnxruntime-node cannot load here.
 */
export function registerOnnxKernels(
  backendName: OnnxKernelBackend,
  options: OnnxKernelOptions = {},
): OnnxKernelsResult {
  const loaded = loadOnnxRuntime();
  if (!loaded.ok) return loaded;
  // Core's kernels first, so that they become the fallbacks; registered later, they would wrap these.
  registerTrainingKernels(backendName);
  const threads = options.threads ?? availableParallelism();
  const minimum = options.parallelMinMultiplyAdds ?? PARALLEL_MIN_MULTIPLY_ADDS;
  const result = { ok: true as const, runtimeVersion: loaded.runtime.version, threads, kernels: ONNX_KERNEL_NAMES };
  const settings = `${threads}/${minimum}`;
  const isOurs = (kernelName: string) => {
    const entry = installed.get(`${backendName}/${kernelName}`);
    return entry?.settings === settings && getKernel(kernelName, backendName)?.kernelFunc === entry.kernelFunc;
  };
  if (ONNX_KERNEL_NAMES.every(isOurs)) return result; // already in place: keep its sessions
  const sessions = new SessionCache(loaded.runtime, (graph) =>
    sessionOptions(graph.multiplyAdds >= minimum ? threads : 1),
  );
  const context: KernelContext = { runtime: loaded.runtime, sessions, counts };
  for (const kernelName of ONNX_KERNEL_NAMES) {
    const key = `${backendName}/${kernelName}`;
    const current = getKernel(kernelName, backendName);
    const previous = installed.get(key);
    const original = previous !== undefined && current?.kernelFunc === previous.kernelFunc ? previous.restore : current;
    const kernelFunc = FACTORIES[kernelName](context, original?.kernelFunc);
    if (current !== undefined) unregisterKernel(kernelName, backendName);
    registerKernel({ ...original, kernelName, backendName, kernelFunc });
    installed.set(key, { kernelFunc, restore: original, settings });
  }
  return result;
}

/** Puts back the kernels `registerOnnxKernels` replaced on this backend (benchmarks compare both). */
export function unregisterOnnxKernels(backendName: OnnxKernelBackend): void {
  for (const kernelName of ONNX_KERNEL_NAMES) {
    const key = `${backendName}/${kernelName}`;
    const entry = installed.get(key);
    if (entry === undefined || getKernel(kernelName, backendName)?.kernelFunc !== entry.kernelFunc) continue;
    unregisterKernel(kernelName, backendName);
    if (entry.restore !== undefined) registerKernel(entry.restore);
    installed.delete(key);
  }
}

/** Native and fallback call counts per kernel since the process started (a copy). */
export function onnxKernelCounts(): KernelCounts {
  return structuredClone(counts);
}
