import * as tf from "@tensorflow/tfjs-core";
import { BIAS_ACTIVATION_BACKWARD, BIAS_ACTIVATION_FORWARD, type BiasActivationAttrs } from "../kernels/kernel-names";

/** Whether the current backend has a fused bias + activation kernel (see kernels/kernel-names.ts). */
export function hasBiasActivationKernels(): boolean {
  const backendName = tf.getBackend();
  return (
    tf.getKernel(BIAS_ACTIVATION_FORWARD, backendName) !== undefined &&
    tf.getKernel(BIAS_ACTIVATION_BACKWARD, backendName) !== undefined
  );
}

/** y = act(x + bias) in one kernel each way; call only where hasBiasActivationKernels(). */
export function biasActivationInTraining(x: tf.Tensor, bias: tf.Tensor, attrs: BiasActivationAttrs): tf.Tensor {
  const fused = tf.customGrad((input, offset, save) => {
    const y = tf
      .engine()
      .runKernel(BIAS_ACTIVATION_FORWARD, { x: input as tf.Tensor, bias: offset as tf.Tensor }, attrs) as tf.Tensor;
    (save as tf.GradSaveFunc)([y]);
    return {
      value: y,
      gradFunc: (dy, [saved]) =>
        tf.engine().runKernel(BIAS_ACTIVATION_BACKWARD, { dy: dy as tf.Tensor, y: saved! }, attrs) as tf.Tensor[],
    };
  });
  return fused(x, bias);
}
