import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";

/**
 * The orchestrator builds core's models only to read their shapes or save untrained weights, never to time
 * them: the cpu backend is enough and loads nothing native.
 */
export async function useCpuBackend(): Promise<void> {
  tf.env().set("PROD", true); // no "install tfjs-node" banner in the middle of the report
  if (tf.getBackend() !== "cpu" && !(await tf.setBackend("cpu"))) {
    throw new Error("The tfjs cpu backend failed to initialise in the benchmark's main process.");
  }
}
