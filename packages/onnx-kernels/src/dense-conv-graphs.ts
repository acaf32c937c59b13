import type { backend_util } from "@tensorflow/tfjs-core";
import { activationNodes, describe, multiplyAdds, type ForwardOptions, type KernelGraph } from "./conv-graphs";
import type { GraphNode } from "./onnx-graph";

/*
 * Convs whose filter covers the whole unpadded input, so the output is 1x1: the generator's first layer
 * (a transposed conv from the latent vector) and the discriminator's last. Each is a plain matrix product
 * over (H*W*Cin) with the NHWC and (KH, KW, Cin, Cout) layouts as they are; ConvTranspose took 4 ms for the
 * generator's 13M multiply-adds, where the MatMul is a fraction of a millisecond.
 */

/** Whether `info` is such a conv (also the geometry of both its gradients). */
export function isDenseConv(info: backend_util.Conv2DInfo): boolean {
  const { padInfo } = info;
  return (
    info.outHeight === 1 &&
    info.outWidth === 1 &&
    info.filterHeight === info.inHeight &&
    info.filterWidth === info.inWidth &&
    padInfo.top === 0 &&
    padInfo.bottom === 0 &&
    padInfo.left === 0 &&
    padInfo.right === 0
  );
}

const depth = (info: backend_util.Conv2DInfo) => info.inHeight * info.inWidth * info.inChannels;
const filterShape = (info: backend_util.Conv2DInfo) => [
  info.filterHeight,
  info.filterWidth,
  info.inChannels,
  info.outChannels,
];
const reshape = (input: string, shape: string, output: string): GraphNode => ({
  op: "Reshape",
  inputs: [input, shape],
  outputs: [output],
});

/** y = activation(x . w + b) with x as (N, H*W*Cin) and w as (H*W*Cin, Cout). */
export function denseConvForwardGraph(info: backend_util.Conv2DInfo, options: ForwardOptions): KernelGraph {
  const last = options.activation === "linear" ? "y2" : "z";
  return {
    multiplyAdds: multiplyAdds(info),
    key: describe("dense-conv", info, `${String(options.bias)}|${options.activation}|${options.leakyreluAlpha}`),
    spec: {
      nodes: [
        reshape("x", "x_matrix_shape", "xm"),
        reshape("w", "w_matrix_shape", "wm"),
        { op: "MatMul", inputs: ["xm", "wm"], outputs: [options.bias ? "yb" : last] },
        ...(options.bias ? [{ op: "Add", inputs: ["yb", "b"], outputs: [last] }] : []),
        ...activationNodes(options, "z", "y2"),
        reshape("y2", "y_shape", "y"),
      ],
      inputs: [
        { name: "x", shape: [...info.inShape] },
        { name: "w", shape: filterShape(info) },
        ...(options.bias ? [{ name: "b", shape: [info.outChannels] }] : []),
      ],
      outputs: [{ name: "y", shape: [...info.outShape] }],
      constants: [
        { name: "x_matrix_shape", values: [info.batchSize, depth(info)] },
        { name: "w_matrix_shape", values: [depth(info), info.outChannels] },
        { name: "y_shape", values: [...info.outShape] },
      ],
    },
  };
}

/** dx = dy . w^T, as (N, Cout) . (Cout, H*W*Cin). */
export function denseConvInputGradientGraph(info: backend_util.Conv2DInfo): KernelGraph {
  return {
    multiplyAdds: multiplyAdds(info),
    key: describe("dense-input-gradient", info),
    spec: {
      nodes: [
        reshape("dy", "dy_matrix_shape", "dym"),
        reshape("w", "w_matrix_shape", "wm"),
        { op: "Gemm", inputs: ["dym", "wm"], outputs: ["dxm"], attributes: { transB: 1 } },
        reshape("dxm", "dx_shape", "dx"),
      ],
      inputs: [
        { name: "dy", shape: [...info.outShape] },
        { name: "w", shape: filterShape(info) },
      ],
      outputs: [{ name: "dx", shape: [...info.inShape] }],
      constants: [
        { name: "dy_matrix_shape", values: [info.batchSize, info.outChannels] },
        { name: "w_matrix_shape", values: [depth(info), info.outChannels] },
        { name: "dx_shape", values: [...info.inShape] },
      ],
    },
  };
}

/** dw = x^T . dy, as (H*W*Cin, N) . (N, Cout). */
export function denseConvFilterGradientGraph(info: backend_util.Conv2DInfo): KernelGraph {
  return {
    multiplyAdds: multiplyAdds(info),
    key: describe("dense-filter-gradient", info),
    spec: {
      nodes: [
        reshape("x", "x_matrix_shape", "xm"),
        reshape("dy", "dy_matrix_shape", "dym"),
        { op: "Gemm", inputs: ["xm", "dym"], outputs: ["dwm"], attributes: { transA: 1 } },
        reshape("dwm", "dw_shape", "dw"),
      ],
      inputs: [
        { name: "x", shape: [...info.inShape] },
        { name: "dy", shape: [...info.outShape] },
      ],
      outputs: [{ name: "dw", shape: filterShape(info) }],
      constants: [
        { name: "x_matrix_shape", values: [info.batchSize, depth(info)] },
        { name: "dy_matrix_shape", values: [info.batchSize, info.outChannels] },
        { name: "dw_shape", values: filterShape(info) },
      ],
    },
  };
}
