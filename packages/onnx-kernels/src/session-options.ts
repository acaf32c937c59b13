import type { InferenceSession } from "onnxruntime-common";

/**
 * Session options for the kernel graphs. Spinning is off: ORT's worker threads otherwise busy-wait between
 * runs and take the core that tfjs needs for everything else in the step (a fast-preset step went from
 * about 185 to 750 ms with spinning on).
 */
export function sessionOptions(threads: number): InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
    extra: { session: { intra_op: { allow_spinning: "0" } } },
  };
}
