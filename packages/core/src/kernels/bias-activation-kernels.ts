/*
 * A conv's bias and the activation after it, as one kernel each way (WebAssembly SIMD on wasm, simd/).
 * With them, convs with a bias train through tfjs's plain conv2d, whose gradient is computed per input and
 * only where needed; tfjs's fused conv with bias computes the input, filter and bias gradients all at once.
 * Where a backend has none (cpu, webgl), training keeps the fused conv: a separate bias add there would be
 * one more broadcast pass.
 */
export const BIAS_ACTIVATION_FORWARD = "GanvasBiasActivation";
export const BIAS_ACTIVATION_BACKWARD = "GanvasBiasActivationGrad";

export const BIAS_ACTIVATIONS = ["linear", "relu", "leakyrelu", "sigmoid", "tanh"] as const;
export type BiasActivation = (typeof BIAS_ACTIVATIONS)[number];

/**
 * Forward: inputs x (channels last) and bias; output y = act(x + bias). Backward: inputs dy and y; outputs
 * dx = dy * act'(y) (the derivative read off the output) and dbias = dx summed over all but the channels.
 */
export type BiasActivationAttrs = { activation: BiasActivation; leakyreluAlpha: number };

export function isBiasActivation(name: string): name is BiasActivation {
  return (BIAS_ACTIVATIONS as readonly string[]).includes(name);
}
