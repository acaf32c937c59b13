/*
 * The activations Ganvas fuses into the op before them, by tfjs's names for them (a layer's `activation`,
 * `tf.fused`'s). The one list: the bias kernels take all of it, batch norm the piecewise-linear ones, a ReLU
 * or LeakyReLU layer folds into either, and @ganvas/onnx-kernels builds the ones tfjs's fused conv can ask for.
 */
export const ACTIVATIONS = ["linear", "relu", "leakyrelu", "sigmoid", "tanh"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** act(z) = z above 0 and slope * z below: what batch norm folds in and the SIMD loops compute themselves. */
export type PiecewiseLinearActivation = Extract<Activation, "linear" | "relu" | "leakyrelu">;

/** An activation and LeakyReLU's alpha (read only when the activation is "leakyrelu"), as the kernels take them. */
export type ActivationAttrs<A extends Activation = Activation> = { activation: A; leakyreluAlpha: number };

export function isActivation(name: string): name is Activation {
  return (ACTIVATIONS as readonly string[]).includes(name);
}

/** The activation's slope where its input is negative (it is 1 above): undefined for sigmoid and tanh. */
export function negativeSlope(attrs: ActivationAttrs<PiecewiseLinearActivation>): number;
export function negativeSlope(attrs: ActivationAttrs): number | undefined;
export function negativeSlope({ activation, leakyreluAlpha }: ActivationAttrs): number | undefined {
  return { linear: 1, relu: 0, leakyrelu: leakyreluAlpha, sigmoid: undefined, tanh: undefined }[activation];
}

/*
 * The activation and its derivative are written without branches: with positive and negative values mixed
 * at random, a conditional mispredicts half the time, and that made these loops 2 to 2.5 times slower.
 * act(z) = even * z + odd * |z|, and act'(z) = (y > 0) * (1 - slope) + slope (y = act(z) has z's sign).
 */
export function branchFree(slope: number): { even: number; odd: number } {
  return { even: (1 + slope) / 2, odd: (1 - slope) / 2 };
}
