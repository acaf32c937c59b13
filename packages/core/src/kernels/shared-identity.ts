import type { KernelBackend, KernelFunc } from "@tensorflow/tfjs-core";
import { requireInput } from "./kernel-args";

/**
 * Identity that shares the input's buffer (one more reference) instead of copying it, as the cpu backend's
 * does. tfjs clones every tensor a gradient tape saves through this kernel, and wasm's own copies each one:
 * 280 copies (12M floats) per fast-preset training step. Sharing is safe because kernels never write into
 * their inputs; strings keep the backend's own kernel.
 */
export function sharedIdentity(_backendName: string, fallback?: KernelFunc): KernelFunc {
  return (args) => {
    const x = requireInput("Identity", args.inputs, "x");
    if (x.dtype === "string" && fallback !== undefined) return fallback(args);
    (args.backend as KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
