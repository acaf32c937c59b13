import type { AdamUpdateAttrs, BatchNormBackwardAttrs, BatchNormForwardAttrs, BiasActivation, BiasActivationAttrs } from "@ganvas/core";
import type { KernelGraph } from "./conv-graphs";
import type { FloatConstant, GraphNode } from "./onnx-graph";

/*
 * ONNX graphs for core's fused training kernels: batch norm in training mode with the activation after it
 * (forward and gradient), a conv's bias with its activation (both ways), and Adam over all of an
 * optimizer's weights. One native run replaces 10 to 20 tfjs
 * kernel calls, and ORT's vectorised loops replace wasm's scalar ones.
 */

const op = (type: string, inputs: string[], output: string, attributes?: GraphNode["attributes"]): GraphNode => ({
  op: type,
  inputs,
  outputs: [output],
  ...(attributes === undefined ? {} : { attributes }),
});

/** Axes of everything but the channels (last): the batch-norm statistics reduce over them. */
function statisticsAxes(shape: number[]): number[] {
  return shape.slice(0, -1).map((_, axis) => axis);
}

/** Elements per graph run, the measure the session options' thread choice uses (as multiply-adds for convs). */
const elements = (shape: number[]) => shape.reduce((size, d) => size * d, 1);

/**
 * y = act(x_hat * gamma + beta) with x_hat = (x - mean) / sqrt(var + eps) over the batch statistics, and both
 * moving averages updated (unbiased batch variance, as PyTorch). Outputs y, x_hat, 1 / sigma, new mean, new variance.
 */
export function batchNormForwardGraph(shape: number[], attrs: BatchNormForwardAttrs): KernelGraph {
  const channels = shape[shape.length - 1]!;
  const perChannel = elements(shape) / channels;
  const axes = statisticsAxes(shape);
  const activation: GraphNode =
    attrs.activation === "relu"
      ? op("Relu", ["z"], "y")
      : attrs.activation === "leakyrelu"
        ? op("LeakyRelu", ["z"], "y", { alpha: attrs.leakyreluAlpha })
        : op("Identity", ["z"], "y");
  const floatConstants: FloatConstant[] = [
    { name: "epsilon", value: attrs.epsilon },
    { name: "keep", value: attrs.momentum },
    { name: "take", value: 1 - attrs.momentum },
    { name: "unbias", value: perChannel / Math.max(1, perChannel - 1) },
  ];
  return {
    key: ["batch-norm-forward", shape, attrs.epsilon, attrs.momentum, attrs.activation, attrs.leakyreluAlpha].join("|"),
    multiplyAdds: elements(shape),
    spec: {
      nodes: [
        op("ReduceMean", ["x"], "mean", { axes, keepdims: 0 }),
        op("Sub", ["x", "mean"], "centered"),
        // Mul + ReduceMean: ORT's ReduceSumSquare took 4 times as long on these layouts.
        op("Mul", ["centered", "centered"], "squared"),
        op("ReduceMean", ["squared"], "variance", { axes, keepdims: 0 }),
        op("Add", ["variance", "epsilon"], "shifted"),
        op("Sqrt", ["shifted"], "sigma"),
        op("Reciprocal", ["sigma"], "inverse_std"),
        op("Mul", ["centered", "inverse_std"], "x_hat"),
        op("Mul", ["x_hat", "gamma"], "scaled"),
        op("Add", ["scaled", "beta"], "z"),
        activation,
        op("Mul", ["moving_mean", "keep"], "old_mean"),
        op("Mul", ["mean", "take"], "batch_mean"),
        op("Add", ["old_mean", "batch_mean"], "new_mean"),
        op("Mul", ["variance", "unbias"], "unbiased"),
        op("Mul", ["moving_variance", "keep"], "old_variance"),
        op("Mul", ["unbiased", "take"], "batch_variance"),
        op("Add", ["old_variance", "batch_variance"], "new_variance"),
      ],
      inputs: [
        { name: "x", shape },
        ...["gamma", "beta", "moving_mean", "moving_variance"].map((name) => ({ name, shape: [channels] })),
      ],
      outputs: [
        { name: "y", shape },
        { name: "x_hat", shape },
        ...["inverse_std", "new_mean", "new_variance"].map((name) => ({ name, shape: [channels] })),
      ],
      floatConstants,
    },
  };
}

/**
 * dz = dy * act'(z) (read off y = act(z)); dbeta = sum(dz); dgamma = sum(dz * x_hat);
 * dx = gamma / sigma * (dz - dbeta / M - x_hat * dgamma / M). Outputs dx, dgamma, dbeta.
 */
export function batchNormBackwardGraph(shape: number[], attrs: BatchNormBackwardAttrs): KernelGraph {
  const channels = shape[shape.length - 1]!;
  const perChannel = elements(shape) / channels;
  const slope = attrs.activation === "relu" ? 0 : attrs.activation === "leakyrelu" ? attrs.leakyreluAlpha : 1;
  // act'(z) from the sign of y = act(z), the same as z's for ReLU and LeakyReLU: no need to rebuild z.
  const derivative: GraphNode[] =
    slope === 1
      ? [op("Identity", ["dy"], "dz")]
      : slope === 0
        ? [op("Greater", ["y", "zero"], "positive"), op("Where", ["positive", "dy", "zero"], "dz")]
        : [op("Greater", ["y", "zero"], "positive"), op("Mul", ["dy", "slope"], "dy_negative"), op("Where", ["positive", "dy", "dy_negative"], "dz")];
  return {
    key: ["batch-norm-backward", shape, attrs.activation, attrs.leakyreluAlpha].join("|"),
    multiplyAdds: elements(shape),
    spec: {
      nodes: [
        ...derivative,
        op("ReduceSum", ["dz", "axes"], "d_beta", { keepdims: 0 }),
        op("Mul", ["dz", "x_hat"], "dz_x_hat"),
        op("ReduceSum", ["dz_x_hat", "axes"], "d_gamma", { keepdims: 0 }),
        op("Mul", ["d_beta", "inverse_count"], "mean_dz"),
        op("Mul", ["d_gamma", "inverse_count"], "mean_dz_x_hat"),
        op("Sub", ["dz", "mean_dz"], "centered"),
        op("Mul", ["x_hat", "mean_dz_x_hat"], "correlated"),
        op("Sub", ["centered", "correlated"], "decorrelated"),
        op("Mul", ["gamma", "inverse_std"], "factor"),
        op("Mul", ["decorrelated", "factor"], "dx"),
      ],
      inputs: [
        { name: "dy", shape },
        { name: "y", shape },
        { name: "x_hat", shape },
        ...["gamma", "inverse_std"].map((name) => ({ name, shape: [channels] })),
      ],
      outputs: [
        { name: "dx", shape },
        ...["d_gamma", "d_beta"].map((name) => ({ name, shape: [channels] })),
      ],
      constants: [{ name: "axes", values: statisticsAxes(shape) }],
      // Only the constants the nodes use: ORT warns about unused initializers.
      floatConstants: [
        ...(slope === 1 ? [] : [{ name: "zero", value: 0 }]),
        ...(slope === 1 || slope === 0 ? [] : [{ name: "slope", value: slope }]),
        { name: "inverse_count", value: 1 / perChannel },
      ],
    },
  };
}

/**
 * Adam for every weight of one optimizer, in the composed form's order of float32 operations:
 * m = m * b1 + g * (1 - b1); v = v * b2 + g^2 * (1 - b2); w = w - m / (sqrt(v) / c2 + eps) * step.
 * The per-step factors (step size, c2 = sqrt(1 - b2^t)) are inputs, so one session serves every step.
 */
export function adamGraph(shapes: number[][], attrs: Pick<AdamUpdateAttrs, "beta1" | "beta2" | "epsilon">): KernelGraph {
  const nodes = shapes.flatMap((_, i) => [
    op("Mul", [`m${i}`, "beta1"], `m_kept${i}`),
    op("Mul", [`gradient${i}`, "one_minus_beta1"], `m_new${i}`),
    op("Add", [`m_kept${i}`, `m_new${i}`], `m_out${i}`),
    op("Mul", [`v${i}`, "beta2"], `v_kept${i}`),
    op("Mul", [`gradient${i}`, `gradient${i}`], `squared${i}`),
    op("Mul", [`squared${i}`, "one_minus_beta2"], `v_new${i}`),
    op("Add", [`v_kept${i}`, `v_new${i}`], `v_out${i}`),
    op("Sqrt", [`v_out${i}`], `root${i}`),
    op("Div", [`root${i}`, "second_correction_root"], `corrected${i}`),
    op("Add", [`corrected${i}`, "epsilon"], `denominator${i}`),
    op("Div", [`m_out${i}`, `denominator${i}`], `ratio${i}`),
    op("Mul", [`ratio${i}`, "step_size"], `update${i}`),
    op("Sub", [`weight${i}`, `update${i}`], `weight_out${i}`),
  ]);
  return {
    key: ["adam", attrs.beta1, attrs.beta2, attrs.epsilon, ...shapes.map((shape) => shape.join("x"))].join("|"),
    multiplyAdds: shapes.reduce((sum, shape) => sum + elements(shape), 0),
    spec: {
      nodes,
      inputs: [
        ...shapes.flatMap((shape, i) => [`weight${i}`, `m${i}`, `v${i}`, `gradient${i}`].map((name) => ({ name, shape }))),
        { name: "step_size", shape: [] },
        { name: "second_correction_root", shape: [] },
      ],
      outputs: shapes.flatMap((shape, i) => [`weight_out${i}`, `m_out${i}`, `v_out${i}`].map((name) => ({ name, shape }))),
      floatConstants: [
        { name: "beta1", value: attrs.beta1 },
        { name: "one_minus_beta1", value: 1 - attrs.beta1 },
        { name: "beta2", value: attrs.beta2 },
        { name: "one_minus_beta2", value: 1 - attrs.beta2 },
        { name: "epsilon", value: attrs.epsilon },
      ],
    },
  };
}

/** y = act(x + bias), channels last. */
export function biasActivationForwardGraph(shape: number[], { activation, leakyreluAlpha }: BiasActivationAttrs): KernelGraph {
  const channels = shape[shape.length - 1]!;
  const act: Record<BiasActivation, GraphNode> = {
    linear: op("Identity", ["z"], "y"),
    relu: op("Relu", ["z"], "y"),
    leakyrelu: op("LeakyRelu", ["z"], "y", { alpha: leakyreluAlpha }),
    sigmoid: op("Sigmoid", ["z"], "y"),
    tanh: op("Tanh", ["z"], "y"),
  };
  return {
    key: ["bias-activation", shape, activation, leakyreluAlpha].join("|"),
    multiplyAdds: elements(shape),
    spec: {
      nodes: [op("Add", ["x", "bias"], "z"), act[activation]],
      inputs: [
        { name: "x", shape },
        { name: "bias", shape: [channels] },
      ],
      outputs: [{ name: "y", shape }],
    },
  };
}

/** dx = dy * act'(z), read off y = act(z); dbias = dx summed over all but the channels. */
export function biasActivationBackwardGraph(shape: number[], { activation, leakyreluAlpha }: BiasActivationAttrs): KernelGraph {
  const channels = shape[shape.length - 1]!;
  const derivative: Record<BiasActivation, { nodes: GraphNode[]; constants: FloatConstant[] }> = {
    linear: { nodes: [op("Identity", ["dy"], "dx")], constants: [] },
    relu: {
      nodes: [op("Greater", ["y", "zero"], "positive"), op("Where", ["positive", "dy", "zero"], "dx")],
      constants: [{ name: "zero", value: 0 }],
    },
    leakyrelu: {
      nodes: [op("Greater", ["y", "zero"], "positive"), op("Mul", ["dy", "slope"], "dy_negative"), op("Where", ["positive", "dy", "dy_negative"], "dx")],
      constants: [
        { name: "zero", value: 0 },
        { name: "slope", value: leakyreluAlpha },
      ],
    },
    sigmoid: {
      nodes: [op("Sub", ["one", "y"], "complement"), op("Mul", ["y", "complement"], "slope"), op("Mul", ["dy", "slope"], "dx")],
      constants: [{ name: "one", value: 1 }],
    },
    tanh: {
      nodes: [op("Mul", ["y", "y"], "squared"), op("Sub", ["one", "squared"], "slope"), op("Mul", ["dy", "slope"], "dx")],
      constants: [{ name: "one", value: 1 }],
    },
  };
  const { nodes, constants } = derivative[activation];
  return {
    key: ["bias-activation-backward", shape, activation, leakyreluAlpha].join("|"),
    multiplyAdds: elements(shape),
    spec: {
      nodes: [...nodes, op("ReduceSum", ["dx", "axes"], "d_bias", { keepdims: 0 })],
      inputs: [
        { name: "dy", shape },
        { name: "y", shape },
      ],
      outputs: [
        { name: "dx", shape },
        { name: "d_bias", shape: [channels] },
      ],
      constants: [{ name: "axes", values: statisticsAxes(shape) }],
      floatConstants: constants,
    },
  };
}
