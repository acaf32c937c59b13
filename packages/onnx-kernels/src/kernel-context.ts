import type { KernelBackend, KernelFunc } from "@tensorflow/tfjs-core";
import type { KernelGraph } from "./conv-graphs";
import type { KernelCounts, OnnxKernelName } from "./kernel-names";
import type { OnnxRuntime } from "./onnx-runtime";
import type { SessionCache } from "./session-cache";
import { runOnBackend, type Feed } from "./tensor-io";

export interface KernelContext {
  runtime: OnnxRuntime;
  sessions: SessionCache;
  counts: KernelCounts;
}

/** A graph for one call and what to feed it, by input name; undefined hands the call on. */
export type Plan = { graph: KernelGraph; inputs: Record<string, Feed> } | undefined;
export type KernelArgs = Parameters<KernelFunc>[0];

/**
 * Builds a kernel that runs `plan`'s graph in ORT (one output is returned as it is, several as a list in the
 * graph's order), or the fallback kernel where `plan` declines.
 */
export function nativeKernel(name: OnnxKernelName, context: KernelContext, fallback: KernelFunc | undefined, plan: (args: KernelArgs) => Plan): KernelFunc {
  return (args) => {
    const planned = plan(args);
    if (planned === undefined) {
      if (fallback === undefined) throw new Error(`${name}: this call is not supported by the onnxruntime kernels and the backend has no kernel of its own.`);
      context.counts[name].fallback++;
      return fallback(args);
    }
    context.counts[name].native++;
    const { outputs } = planned.graph.spec;
    const results = runOnBackend(context.runtime, args.backend as KernelBackend, context.sessions.get(planned.graph), planned.inputs, outputs);
    return results.length === 1 ? results[0]! : results;
  };
}
