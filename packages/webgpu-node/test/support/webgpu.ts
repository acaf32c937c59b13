import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
// tfjs-layers registers tfjs-core's gradient functions (tfjs-core alone ships none in its Node build).
import "@tensorflow/tfjs-layers";
import { startWebGpuBackend, WEBGPU_BACKEND } from "../../src/index";

/**
 * Starts webgpu on whatever adapter this machine has, software included: in CI that is SwiftShader, the CPU
 * Vulkan driver of Debian's chromium. No adapter is a failure, not a skip: these tests are the proof that
 * core trains correctly on webgpu.
 */
export async function useWebGpu(): Promise<void> {
  const started = await startWebGpuBackend({ allowSoftware: true });
  if (!started.ok) {
    throw new Error(
      `No WebGPU adapter for the webgpu tests: ${started.reason}. On Debian: apt-get install chromium libvulkan1 (SwiftShader).`,
    );
  }
  if (!(await tf.setBackend(WEBGPU_BACKEND))) throw new Error("The webgpu backend failed to initialise.");
}

export async function useCpu(): Promise<void> {
  if (!(await tf.setBackend("cpu"))) throw new Error("The cpu backend failed to initialise.");
}

/** Largest |a - b| / (1 + |b|): an absolute error for small values, a relative one for large. */
export function worstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`Lengths differ: ${actual.length} vs ${expected.length}.`);
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / (1 + Math.abs(expected[i]!)));
  return worst;
}
