import type { NamedTensorInfoMap } from "@tensorflow/tfjs-core";
import type { ActivationAttrs, PiecewiseLinearActivation } from "./activations";
import { namedInputs, requireInput, type KernelInputs } from "./kernel-args";

/*
 * The kernels core adds under its own names, as tfjs-core's kernel_names.ts declares its own: each name with
 * its inputs and attrs. Training calls them where the backend has them (js/ on cpu, simd/ on wasm; see
 * register.ts) and composes the same from tfjs ops where it does not. Each fused kernel replaces many
 * composed ones, and every kernel call costs tens of microseconds of engine bookkeeping plus a pass over
 * its tensor.
 */

/*
 * Batch norm in training mode fused with the activation after it, as two kernels. Composed from tfjs ops,
 * the same work takes about 20 kernel calls and as many passes per layer and step, two of them transposes
 * (wasm reduces over the innermost axis only).
 */
export const BATCH_NORM_FORWARD = "GanvasBatchNormTrainingForward";
export const BATCH_NORM_BACKWARD = "GanvasBatchNormTrainingBackward";

/** x (channels last), gamma, beta and both moving averages. */
export const batchNormForwardInputs = namedInputs(BATCH_NORM_FORWARD, [
  "x",
  "gamma",
  "beta",
  "movingMean",
  "movingVariance",
]);
export type BatchNormForwardInputs = ReturnType<typeof batchNormForwardInputs>;
/** y = act(x_hat * gamma + beta); outputs y, x_hat, 1 / sigma and both moving averages updated. */
export type BatchNormForwardAttrs = ActivationAttrs<PiecewiseLinearActivation> & {
  epsilon: number;
  /** Keras-style: the old moving average's weight (PyTorch's momentum is 1 minus this). */
  momentum: number;
};

/** dy, the forward's y, x_hat, gamma and 1 / sigma. */
export const batchNormBackwardInputs = namedInputs(BATCH_NORM_BACKWARD, ["dy", "y", "xHat", "gamma", "inverseStd"]);
export type BatchNormBackwardInputs = ReturnType<typeof batchNormBackwardInputs>;
/** Outputs dx, dgamma, dbeta. */
export type BatchNormBackwardAttrs = ActivationAttrs<PiecewiseLinearActivation>;

/*
 * A conv's bias and the activation after it, as one kernel each way (wasm only, simd/). With them, convs
 * with a bias train through tfjs's plain conv2d, whose gradient is computed per input and only where needed;
 * tfjs's fused conv with bias computes the input, filter and bias gradients all at once. Where a backend has
 * none (cpu, webgl), training keeps the fused conv: a separate bias add there would be one more broadcast pass.
 */
export const BIAS_ACTIVATION_FORWARD = "GanvasBiasActivation";
export const BIAS_ACTIVATION_BACKWARD = "GanvasBiasActivationGrad";

/** x (channels last) and bias; output y = act(x + bias). */
export const biasActivationForwardInputs = namedInputs(BIAS_ACTIVATION_FORWARD, ["x", "bias"]);
export type BiasActivationForwardInputs = ReturnType<typeof biasActivationForwardInputs>;
/** dy and the forward's y; outputs dx = dy * act'(y) (read off the output) and dbias = dx summed per channel. */
export const biasActivationBackwardInputs = namedInputs(BIAS_ACTIVATION_BACKWARD, ["dy", "y"]);
export type BiasActivationBackwardInputs = ReturnType<typeof biasActivationBackwardInputs>;
export type BiasActivationAttrs = ActivationAttrs;

/*
 * One Adam update of all of an optimizer's weights as a single kernel call. Composed from tfjs ops it is 13
 * kernel calls and as many passes per weight: 270 calls per fast-preset step for the two optimizers. The
 * kernels round every operation to float32 in the order of the composed form, so all give the same bits.
 */
export const ADAM_UPDATE = "GanvasAdamUpdate";

export type AdamUpdateAttrs = {
  /** How many weights; inputs are weight<i>, m<i>, v<i>, gradient<i> for each. */
  count: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** learningRate / (1 - beta1^t) */
  stepSize: number;
  /** sqrt(1 - beta2^t) */
  secondCorrectionRoot: number;
};

/** The kernel's inputs for one weight: its value, both moments and its gradient. */
export const adamInputNames = (i: number) => [`weight${i}`, `m${i}`, `v${i}`, `gradient${i}`] as const;

export type AdamWeightInputs = KernelInputs<"weight" | "m" | "v" | "gradient">;

/** Each weight's inputs in turn; outputs are the new weight, m and v of each: [weight0, m0, v0, weight1, ...]. */
export function adamUpdateInputs(inputs: NamedTensorInfoMap, { count }: AdamUpdateAttrs): AdamWeightInputs[] {
  return Array.from({ length: count }, (_, i) => {
    const [weight, m, v, gradient] = adamInputNames(i);
    const input = (name: string) => requireInput(ADAM_UPDATE, inputs, name);
    return { weight: input(weight), m: input(m), v: input(v), gradient: input(gradient) };
  });
}
