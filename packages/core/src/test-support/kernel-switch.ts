import * as tf from "@tensorflow/tfjs-core";

/**
 * Runs `body` with the named kernels unregistered from the current backend, then puts them back: training
 * code then takes its composed path, the reference the fused kernels are compared with.
 */
export function withoutKernels<T>(names: readonly string[], body: () => T): T {
  const backendName = tf.getBackend();
  const removed = names.flatMap((name) => {
    const config = tf.getKernel(name, backendName);
    if (config === undefined) return [];
    tf.unregisterKernel(name, backendName);
    return [config];
  });
  try {
    return body();
  } finally {
    removed.forEach((config) => tf.registerKernel(config));
  }
}
