import type { backend_util } from "@tensorflow/tfjs-core";
import { isActivation, type Activation as CoreActivation } from "@ganvas/core";
import type { GraphNode, GraphSpec, Int64Constant } from "./onnx-graph";

/*
 * ONNX graphs for the conv kernels tfjs training needs, each kernel call one native run. tfjs keeps
 * activations NHWC and filters (KH, KW, Cin, Cout). Two forms per kernel: ONNX's own Conv / ConvTranspose,
 * which want NCHW and (Cout, Cin, KH, KW), so the graph transposes around them; or slices of the NHWC input
 * and one MatMul, which need no layout transposes. conv-kernels.ts picks per shape, by measurement.
 *
 * Core composes both gradients too (core/src/kernels/conv2d-backprop-*.ts, the fallbacks here), with the
 * same ideas: the filter gradient as one forward conv dilated by the stride, the input gradient split into
 * stride x stride phases. Nothing is shared because little is the same: these are ONNX graphs in ONNX's NCHW
 * and (Cout, Cin, KH, KW) layouts, so other transposes, with the crop computed ahead as a graph constant and
 * the phases as per-phase MatMuls (only where dx is exactly stride x dy); core's run tfjs kernels in NHWC
 * and (KH, KW, Cin, Cout), read the crop off the conv's output, and regroup the filter in JS for one conv.
 */

const NHWC_TO_NCHW = [0, 3, 1, 2];
const NCHW_TO_NHWC = [0, 2, 3, 1];
const FILTER_TO_ONNX = [3, 2, 0, 1]; // (KH, KW, Cin, Cout) -> (Cout, Cin, KH, KW), also ConvTranspose's layout

/** Core's activations that tfjs's fused conv can ask for (it has no tanh). */
export type Activation = Exclude<CoreActivation, "tanh">;

export function isSupportedActivation(name: string): name is Activation {
  return isActivation(name) && name !== "tanh";
}

/** What a forward conv graph adds after the conv itself. */
export type ForwardOptions = { bias: boolean; activation: Activation; leakyreluAlpha: number };

/** A graph plus the key that identifies it (sessions are cached per key) and its size in multiply-adds. */
export interface KernelGraph {
  key: string;
  spec: GraphSpec;
  multiplyAdds: number;
}

/** The same count for the conv and both its gradients. */
export function multiplyAdds(info: backend_util.Conv2DInfo): number {
  return (
    info.batchSize *
    info.outHeight *
    info.outWidth *
    info.outChannels *
    info.filterHeight *
    info.filterWidth *
    info.inChannels
  );
}

function pads({ padInfo }: backend_util.Conv2DInfo): number[] {
  return [padInfo.top, padInfo.left, padInfo.bottom, padInfo.right];
}

function transpose(input: string, output: string, perm: number[]): GraphNode {
  return { op: "Transpose", inputs: [input], outputs: [output], attributes: { perm } };
}

export function describe(kind: string, info: backend_util.Conv2DInfo, extra = ""): string {
  return [
    kind,
    info.inShape,
    info.filterHeight,
    info.filterWidth,
    info.outShape,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    pads(info),
    extra,
  ].join("|");
}

export function activationNodes(options: ForwardOptions, input: string, output: string): GraphNode[] {
  if (options.activation === "linear") return [];
  const op = { relu: "Relu", leakyrelu: "LeakyRelu", sigmoid: "Sigmoid" }[options.activation];
  return [
    {
      op,
      inputs: [input],
      outputs: [output],
      attributes: options.activation === "leakyrelu" ? { alpha: options.leakyreluAlpha } : {},
    },
  ];
}

/** y = activation(conv(x, w) + b), all NHWC. */
export function convForwardGraph(info: backend_util.Conv2DInfo, options: ForwardOptions): KernelGraph {
  const filterShape = [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels];
  const conv: GraphNode = {
    op: "Conv",
    inputs: ["xt", "wt", ...(options.bias ? ["b"] : [])],
    outputs: [options.activation === "linear" ? "yt" : "zt"],
    attributes: {
      strides: [info.strideHeight, info.strideWidth],
      dilations: [info.dilationHeight, info.dilationWidth],
      pads: pads(info),
    },
  };
  const activation = activationNodes(options, "zt", "yt");
  return {
    multiplyAdds: multiplyAdds(info),
    key: describe("conv", info, `${String(options.bias)}|${options.activation}|${options.leakyreluAlpha}`),
    spec: {
      nodes: [
        transpose("x", "xt", NHWC_TO_NCHW),
        transpose("w", "wt", FILTER_TO_ONNX),
        conv,
        ...activation,
        transpose("yt", "y", NCHW_TO_NHWC),
      ],
      inputs: [
        { name: "x", shape: [...info.inShape] },
        { name: "w", shape: filterShape },
        ...(options.bias ? [{ name: "b", shape: [info.outChannels] }] : []),
      ],
      outputs: [{ name: "y", shape: [...info.outShape] }],
    },
  };
}

/**
 * dx = conv2DBackpropInput(dy, w): ONNX's ConvTranspose, the adjoint of its Conv. The rows a strided conv
 * skipped at the bottom/right come back as output_padding. Undefined when that does not fit ONNX's rules.
 */
export function convInputGradientGraph(info: backend_util.Conv2DInfo): KernelGraph | undefined {
  const { padInfo } = info;
  const extraRows =
    info.inHeight - (info.strideHeight * (info.outHeight - 1) + info.filterHeight - padInfo.top - padInfo.bottom);
  const extraCols =
    info.inWidth - (info.strideWidth * (info.outWidth - 1) + info.filterWidth - padInfo.left - padInfo.right);
  if (extraRows < 0 || extraCols < 0 || extraRows >= info.strideHeight || extraCols >= info.strideWidth)
    return undefined;
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return undefined;
  return {
    multiplyAdds: multiplyAdds(info),
    key: describe("input-gradient", info),
    spec: {
      nodes: [
        transpose("dy", "dyt", NHWC_TO_NCHW),
        transpose("w", "wt", FILTER_TO_ONNX),
        {
          op: "ConvTranspose",
          inputs: ["dyt", "wt"],
          outputs: ["dxt"],
          attributes: {
            strides: [info.strideHeight, info.strideWidth],
            pads: pads(info),
            output_padding: [extraRows, extraCols],
          },
        },
        transpose("dxt", "dx", NCHW_TO_NHWC),
      ],
      inputs: [
        { name: "dy", shape: [...info.outShape] },
        { name: "w", shape: [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels] },
      ],
      outputs: [{ name: "dx", shape: [...info.inShape] }],
    },
  };
}

/**
 * dw = conv2DBackpropFilter(x, dy) as one forward Conv: channels become the batch and the batch becomes the
 * channels, dy is the filter, dilated by the forward stride; the result is cropped to the kernel size.
 */
export function convFilterGradientGraph(info: backend_util.Conv2DInfo): KernelGraph | undefined {
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return undefined;
  const { padInfo } = info;
  const fullHeight = info.inHeight + padInfo.top + padInfo.bottom - info.strideHeight * (info.outHeight - 1);
  const fullWidth = info.inWidth + padInfo.left + padInfo.right - info.strideWidth * (info.outWidth - 1);
  const crop = fullHeight !== info.filterHeight || fullWidth !== info.filterWidth;
  const nodes: GraphNode[] = [
    transpose("x", "xt", [3, 0, 1, 2]), // (Cin, N, H, W)
    transpose("dy", "dyt", [3, 0, 1, 2]), // (Cout, N, OH, OW)
    {
      op: "Conv",
      inputs: ["xt", "dyt"],
      outputs: [crop ? "full" : "gt"],
      attributes: { strides: [1, 1], dilations: [info.strideHeight, info.strideWidth], pads: pads(info) },
    }, // (Cin, Cout, fullHeight, fullWidth)
    ...(crop ? [{ op: "Slice", inputs: ["full", "starts", "ends", "axes"], outputs: ["gt"] }] : []),
    transpose("gt", "dw", [2, 3, 0, 1]),
  ];
  return {
    multiplyAdds: multiplyAdds(info),
    key: describe("filter-gradient", info),
    spec: {
      nodes,
      inputs: [
        { name: "x", shape: [...info.inShape] },
        { name: "dy", shape: [...info.outShape] },
      ],
      outputs: [{ name: "dw", shape: [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels] }],
      constants: crop
        ? [
            { name: "starts", values: [0, 0] },
            { name: "ends", values: [info.filterHeight, info.filterWidth] },
            { name: "axes", values: [2, 3] },
          ]
        : [],
    },
  };
}

/**
 * The conv's input patches as one NHWC tensor (N, OH, OW, KH*KW*Cin), in the filter's (KH, KW, Cin) order,
 * from strided Slices of the padded input: no layout transposes at all, so a Reshape of the filter and one
 * MatMul finish the conv (im2col, written as ONNX ops).
 */
function patchNodes(
  info: backend_util.Conv2DInfo,
  input: string,
  output: string,
): { nodes: GraphNode[]; constants: Int64Constant[] } {
  const { padInfo } = info;
  const nodes: GraphNode[] = [{ op: "Pad", inputs: [input, "pads"], outputs: ["padded"] }];
  const constants: Int64Constant[] = [
    { name: "pads", values: [0, padInfo.top, padInfo.left, 0, 0, padInfo.bottom, padInfo.right, 0] },
    { name: "axes", values: [1, 2] },
    { name: "steps", values: [info.strideHeight, info.strideWidth] },
  ];
  const slices: string[] = [];
  for (let kh = 0; kh < info.filterHeight; kh++) {
    for (let kw = 0; kw < info.filterWidth; kw++) {
      const top = kh * info.dilationHeight;
      const left = kw * info.dilationWidth;
      const name = `patch_${kh}_${kw}`;
      constants.push(
        { name: `${name}_starts`, values: [top, left] },
        {
          name: `${name}_ends`,
          values: [
            top + info.strideHeight * (info.outHeight - 1) + 1,
            left + info.strideWidth * (info.outWidth - 1) + 1,
          ],
        },
      );
      nodes.push({
        op: "Slice",
        inputs: ["padded", `${name}_starts`, `${name}_ends`, "axes", "steps"],
        outputs: [name],
      });
      slices.push(name);
    }
  }
  nodes.push({ op: "Concat", inputs: slices, outputs: [output], attributes: { axis: 3 } });
  return { nodes, constants };
}

/** y = activation(patches(x) . w + b). */
export function convForwardByPatchesGraph(info: backend_util.Conv2DInfo, options: ForwardOptions): KernelGraph {
  const depth = info.filterHeight * info.filterWidth * info.inChannels;
  const patches = patchNodes(info, "x", "patches");
  const last = options.activation === "linear" ? "y" : "z";
  const nodes: GraphNode[] = [
    ...patches.nodes,
    { op: "Reshape", inputs: ["w", "filter_matrix_shape"], outputs: ["wm"] },
    { op: "MatMul", inputs: ["patches", "wm"], outputs: [options.bias ? "yb" : last] },
    ...(options.bias ? [{ op: "Add", inputs: ["yb", "b"], outputs: [last] }] : []),
    ...activationNodes(options, "z", "y"),
  ];
  return {
    multiplyAdds: multiplyAdds(info),
    key: describe("conv-patches", info, `${String(options.bias)}|${options.activation}|${options.leakyreluAlpha}`),
    spec: {
      nodes,
      inputs: [
        { name: "x", shape: [...info.inShape] },
        { name: "w", shape: [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels] },
        ...(options.bias ? [{ name: "b", shape: [info.outChannels] }] : []),
      ],
      outputs: [{ name: "y", shape: [...info.outShape] }],
      constants: [...patches.constants, { name: "filter_matrix_shape", values: [depth, info.outChannels] }],
    },
  };
}

/** dw = patches(x)^T . dy. */
export function convFilterGradientByPatchesGraph(info: backend_util.Conv2DInfo): KernelGraph {
  const depth = info.filterHeight * info.filterWidth * info.inChannels;
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const patches = patchNodes(info, "x", "patches");
  return {
    multiplyAdds: multiplyAdds(info),
    key: describe("filter-gradient-patches", info),
    spec: {
      nodes: [
        ...patches.nodes,
        { op: "Reshape", inputs: ["patches", "patch_matrix_shape"], outputs: ["pm"] },
        { op: "Reshape", inputs: ["dy", "dy_matrix_shape"], outputs: ["dym"] },
        { op: "Gemm", inputs: ["pm", "dym"], outputs: ["dwm"], attributes: { transA: 1 } },
        { op: "Reshape", inputs: ["dwm", "filter_shape"], outputs: ["dw"] },
      ],
      inputs: [
        { name: "x", shape: [...info.inShape] },
        { name: "dy", shape: [...info.outShape] },
      ],
      outputs: [{ name: "dw", shape: [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels] }],
      constants: [
        ...patches.constants,
        { name: "patch_matrix_shape", values: [rows, depth] },
        { name: "dy_matrix_shape", values: [rows, info.outChannels] },
        { name: "filter_shape", values: [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels] },
      ],
    },
  };
}

/** For output phase `phase` (0 <= phase < stride) of one axis: which kernel taps reach it, from which dy offset. */
function phaseTaps(phase: number, stride: number, kernel: number, padBefore: number): { tap: number; shift: number }[] {
  const taps: { tap: number; shift: number }[] = [];
  for (let tap = kernel - 1; tap >= 0; tap--) {
    const offset = phase + padBefore - tap;
    if (offset % stride === 0) taps.push({ tap, shift: offset / stride });
  }
  return taps;
}

/**
 * dx = conv2DBackpropInput(dy, w) without ConvTranspose's col2im: output pixel (s*i + a, s*j + b) only sees
 * the taps with kh = a + pad (mod s), so each of the s*s output phases is a small stride-1 conv over dy,
 * i.e. shifted slices of dy concatenated and one MatMul with those taps of w; the phases are then
 * interleaved. Exact FLOPs, NHWC throughout. Only where the output is exactly stride x dy (DCGAN's layers);
 * undefined otherwise.
 */
export function convInputGradientByPhasesGraph(info: backend_util.Conv2DInfo): KernelGraph | undefined {
  const { strideHeight: sh, strideWidth: sw, outHeight, outWidth, inChannels, outChannels } = info;
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return undefined;
  if (info.inHeight !== sh * outHeight || info.inWidth !== sw * outWidth) return undefined;
  const rowPhases = Array.from({ length: sh }, (_, a) => phaseTaps(a, sh, info.filterHeight, info.padInfo.top));
  const colPhases = Array.from({ length: sw }, (_, b) => phaseTaps(b, sw, info.filterWidth, info.padInfo.left));
  if ([...rowPhases, ...colPhases].some((taps) => taps.length === 0)) return undefined;
  const rowShifts = rowPhases.flat().map((t) => t.shift);
  const colShifts = colPhases.flat().map((t) => t.shift);
  const [top, bottom] = [Math.max(0, -Math.min(...rowShifts)), Math.max(0, Math.max(...rowShifts))];
  const [left, right] = [Math.max(0, -Math.min(...colShifts)), Math.max(0, Math.max(...colShifts))];

  const nodes: GraphNode[] = [
    { op: "Pad", inputs: ["dy", "pads"], outputs: ["padded"] },
    // (KH, KW, Cin, Cout) -> (KH*KW, Cout, Cin): one (Cout, Cin) matrix per tap, gathered per phase below.
    { op: "Transpose", inputs: ["w"], outputs: ["wt"], attributes: { perm: [0, 1, 3, 2] } },
    { op: "Reshape", inputs: ["wt", "tap_matrices_shape"], outputs: ["taps"] },
  ];
  const constants: Int64Constant[] = [
    { name: "pads", values: [0, top, left, 0, 0, bottom, right, 0] },
    { name: "tap_matrices_shape", values: [info.filterHeight * info.filterWidth, outChannels, inChannels] },
    { name: "axes", values: [1, 2] },
  ];
  const slices = new Set<string>();
  const phaseOutputs: string[] = [];
  rowPhases.forEach((rowTaps, a) => {
    colPhases.forEach((colTaps, b) => {
      const patchNames: string[] = [];
      const tapIndices: number[] = [];
      for (const row of rowTaps) {
        for (const col of colTaps) {
          const name = `shift_${row.shift + top}_${col.shift + left}`;
          if (!slices.has(name)) {
            slices.add(name);
            constants.push(
              { name: `${name}_starts`, values: [row.shift + top, col.shift + left] },
              { name: `${name}_ends`, values: [row.shift + top + outHeight, col.shift + left + outWidth] },
            );
            nodes.push({ op: "Slice", inputs: ["padded", `${name}_starts`, `${name}_ends`, "axes"], outputs: [name] });
          }
          patchNames.push(name);
          tapIndices.push(row.tap * info.filterWidth + col.tap);
        }
      }
      const phase = `phase_${a}_${b}`;
      constants.push(
        { name: `${phase}_taps`, values: tapIndices },
        { name: `${phase}_matrix_shape`, values: [tapIndices.length * outChannels, inChannels] },
      );
      nodes.push(
        { op: "Concat", inputs: patchNames, outputs: [`${phase}_patches`], attributes: { axis: 3 } },
        { op: "Gather", inputs: ["taps", `${phase}_taps`], outputs: [`${phase}_w3`], attributes: { axis: 0 } },
        { op: "Reshape", inputs: [`${phase}_w3`, `${phase}_matrix_shape`], outputs: [`${phase}_w`] },
        { op: "MatMul", inputs: [`${phase}_patches`, `${phase}_w`], outputs: [phase] },
      );
      phaseOutputs.push(phase);
    });
  });
  // (N, OH, OW, sh*sw*Cin) -> (N, OH, OW, sh, sw, Cin) -> (N, OH, sh, OW, sw, Cin) -> (N, H, W, Cin)
  constants.push(
    { name: "phases_shape", values: [info.batchSize, outHeight, outWidth, sh, sw, inChannels] },
    { name: "dx_shape", values: [...info.inShape] },
  );
  nodes.push(
    { op: "Concat", inputs: phaseOutputs, outputs: ["phases"], attributes: { axis: 3 } },
    { op: "Reshape", inputs: ["phases", "phases_shape"], outputs: ["phases6"] },
    { op: "Transpose", inputs: ["phases6"], outputs: ["interleaved"], attributes: { perm: [0, 1, 3, 2, 4, 5] } },
    { op: "Reshape", inputs: ["interleaved", "dx_shape"], outputs: ["dx"] },
  );
  return {
    multiplyAdds: multiplyAdds(info),
    key: describe("input-gradient-phases", info),
    spec: {
      nodes,
      inputs: [
        { name: "dy", shape: [...info.outShape] },
        { name: "w", shape: [info.filterHeight, info.filterWidth, inChannels, outChannels] },
      ],
      outputs: [{ name: "dx", shape: [...info.inShape] }],
      constants,
    },
  };
}
