import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
// tfjs-layers registers tfjs-core's gradient functions (tfjs-core alone ships none in its Node build).
import "@tensorflow/tfjs-layers";
import { startWebGpuBackend, WEBGPU_BACKEND, type WebGpuStart } from "@ganvas/webgpu-node";

export type WebGpuReady = Extract<WebGpuStart, { ok: true }>;

/**
 * Makes webgpu the active backend on whatever adapter Dawn finds, software ones included: the kit is a forced
 * run (as `--backend webgpu`), and the adapter it reports says whether it was a GPU.
 */
export async function useWebGpu(): Promise<WebGpuReady> {
  tf.env().set("PROD", true);
  const started = await startWebGpuBackend({ allowSoftware: true });
  if (!started.ok) throw new Error(`no WebGPU adapter: ${started.reason}`);
  if (!(await tf.setBackend(WEBGPU_BACKEND))) throw new Error("the webgpu backend failed to initialise");
  return started;
}

export async function useCpu(): Promise<void> {
  tf.env().set("PROD", true);
  if (!(await tf.setBackend("cpu"))) throw new Error("the cpu backend failed to initialise");
}

/** Largest |a - b| / (1 + |b|): an absolute error for small values, a relative one for large. */
export function worstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / (1 + Math.abs(expected[i]!)));
  return worst;
}
