import type { KernelBackend, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import type { KernelGraph } from "./conv-graphs";
import type { KernelCounts, OnnxKernelName } from "./kernel-names";
import type { OnnxRuntime } from "./onnx-runtime";
import type { SessionCache } from "./session-cache";
import { runOnBackend } from "./tensor-io";

export interface KernelContext {
  runtime: OnnxRuntime;
  sessions: SessionCache;
  counts: KernelCounts;
}

/** A graph for one call and the tfjs tensors to feed it, by input name; undefined hands the call on. */
export type Plan = { graph: KernelGraph; inputs: Record<string, TensorInfo> } | undefined;
export type KernelArgs = Parameters<KernelFunc>[0];

/** Builds a kernel that runs `plan`'s one-output graph in ORT, or the fallback kernel where `plan` declines. */
export function nativeKernel(name: OnnxKernelName, context: KernelContext, fallback: KernelFunc | undefined, plan: (args: KernelArgs) => Plan): KernelFunc {
  return (args) => {
    const planned = plan(args);
    if (planned === undefined) {
      if (fallback === undefined) throw new Error(`${name}: this call is not supported by the onnxruntime kernels and the backend has no kernel of its own.`);
      context.counts[name].fallback++;
      return fallback(args);
    }
    context.counts[name].native++;
    const output = planned.graph.spec.outputs[0]!;
    return runOnBackend(context.runtime, args.backend as KernelBackend, context.sessions.get(planned.graph), planned.inputs, output);
  };
}
