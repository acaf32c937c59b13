import type * as TfCore from "@tensorflow/tfjs-core";
import type * as TfWasm from "@tensorflow/tfjs-backend-wasm";

/**
 * Before the wasm backend starts: on a cross-origin isolated page (threaded build), a thread per core. tfjs's
 * default is half the cores, which is one thread on a 2-core machine, so the threaded build would gain
 * nothing. Returns whether the threaded build runs.
 */
export async function useEveryCore(tf: typeof TfCore, wasm: typeof TfWasm): Promise<boolean> {
  const threaded = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
  if (threaded) wasm.setThreadsCount(navigator.hardwareConcurrency || 1);
  return Boolean(threaded);
}
