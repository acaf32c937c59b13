import {
  backend_util,
  type Conv2DAttrs,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropInputAttrs,
  type FusedConv2DAttrs,
  type KernelBackend,
  type KernelFunc,
  type TensorInfo,
} from "@tensorflow/tfjs-core";
import {
  convFilterGradientByPatchesGraph,
  convFilterGradientGraph,
  convForwardByPatchesGraph,
  convForwardGraph,
  convInputGradientByPhasesGraph,
  convInputGradientGraph,
  isSupportedActivation,
  type ForwardOptions,
  type KernelGraph,
} from "./conv-graphs";
import {
  denseConvFilterGradientGraph,
  denseConvForwardGraph,
  denseConvInputGradientGraph,
  isDenseConv,
} from "./dense-conv-graphs";
import type { OnnxRuntime } from "./onnx-runtime";
import type { SessionCache } from "./session-cache";
import { runOnBackend } from "./tensor-io";

export const ONNX_KERNEL_NAMES = ["Conv2D", "FusedConv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"] as const;
export type OnnxKernelName = (typeof ONNX_KERNEL_NAMES)[number];

/** How often each kernel ran natively and how often it handed a call to the backend's own kernel. */
export type KernelCounts = Record<OnnxKernelName, { native: number; fallback: number }>;

export interface KernelContext {
  runtime: OnnxRuntime;
  sessions: SessionCache;
  counts: KernelCounts;
}

type Plan = { graph: KernelGraph; inputs: Record<string, TensorInfo> } | undefined;
type Args = Parameters<KernelFunc>[0];

/** NHWC float32 only; anything else (NCHW, int tensors, dilated gradients...) goes to the fallback. */
function float32(...infos: (TensorInfo | undefined)[]): boolean {
  return infos.every((info) => info === undefined || info.dtype === "float32");
}

function nhwc(attrs: { dataFormat?: string }): boolean {
  return attrs.dataFormat !== "NCHW";
}

/** Builds a kernel that runs `plan`'s graph in ORT, or the fallback kernel where `plan` declines. */
function nativeKernel(
  name: OnnxKernelName,
  context: KernelContext,
  fallback: KernelFunc | undefined,
  plan: (args: Args) => Plan,
): KernelFunc {
  return (args) => {
    const planned = plan(args);
    if (planned === undefined) {
      if (fallback === undefined)
        throw new Error(
          `${name}: this call is not supported by the onnxruntime kernels and the backend has no kernel of its own.`,
        );
      context.counts[name].fallback++;
      return fallback(args);
    }
    context.counts[name].native++;
    const { spec } = planned.graph;
    const output = spec.outputs[0]!;
    const backend = args.backend as KernelBackend;
    return runOnBackend(context.runtime, backend, context.sessions.get(planned.graph), planned.inputs, output);
  };
}

/*
 * Which graph to use, from interleaved timings of both forms on the DCGAN presets' shapes
 * (`pnpm --filter @ganvas/onnx-kernels bench:graphs -- --threads 1 --batch 64`, and `--threads 2 --batch 128`
 * for the tutorial's): the explicit forms (input patches + one MatMul, output phases + MatMuls) win on small
 * images, where ORT's Conv and ConvTranspose run per-image matrix products too small to be efficient: at 8x8
 * they were 1.2 to 2x faster. From 16x16 up ORT's own were as fast or faster (forward 1.1 to 2x on one
 * thread, ConvTranspose 1.2 to 1.5x on the tutorial's), and far faster with one channel. The patches filter
 * gradient was 1.1 to 1.7x faster from 32 input channels up and up to 1.8x slower below.
 */
const EXPLICIT_MAX_IMAGE_PIXELS = 8 * 8;
const PATCHES_MIN_FILTER_GRADIENT_CHANNELS = 32;

function forwardGraph(info: backend_util.Conv2DInfo, options: ForwardOptions): KernelGraph {
  if (isDenseConv(info)) return denseConvForwardGraph(info, options);
  const patches =
    info.dilationHeight === 1 && info.dilationWidth === 1 && info.inHeight * info.inWidth <= EXPLICIT_MAX_IMAGE_PIXELS;
  return patches ? convForwardByPatchesGraph(info, options) : convForwardGraph(info, options);
}

/** The forward conv's geometry (NHWC), which both gradients share. */
function convInfo(
  xShape: number[],
  filterShape: number[],
  attrs: Pick<Conv2DAttrs, "strides" | "dilations" | "pad" | "dimRoundingMode">,
): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast",
  );
}

export function conv2D(context: KernelContext, fallback?: KernelFunc): KernelFunc {
  return nativeKernel("Conv2D", context, fallback, ({ inputs, attrs }) => {
    const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
    const conv = attrs as unknown as Conv2DAttrs;
    if (!nhwc(conv) || !float32(x, filter)) return undefined;
    const graph = forwardGraph(convInfo(x.shape, filter.shape, conv), {
      bias: false,
      activation: "linear",
      leakyreluAlpha: 0,
    });
    return { graph, inputs: { x, w: filter } };
  });
}

/** tfjs-layers' conv with bias (and possibly an activation) arrives here. */
export function fusedConv2D(context: KernelContext, fallback?: KernelFunc): KernelFunc {
  return nativeKernel("FusedConv2D", context, fallback, ({ inputs, attrs }) => {
    const { x, filter, bias, preluActivationWeights } = inputs as Record<string, TensorInfo | undefined>;
    const fused = attrs as unknown as FusedConv2DAttrs;
    if (x === undefined || filter === undefined || preluActivationWeights !== undefined) return undefined;
    if (!nhwc(fused) || !float32(x, filter, bias) || !isSupportedActivation(fused.activation)) return undefined;
    const info = convInfo(x.shape, filter.shape, fused);
    // ONNX's bias is one value per output channel; tfjs also allows a scalar or a broadcastable bias.
    if (bias !== undefined && (bias.shape.length !== 1 || bias.shape[0] !== info.outChannels)) return undefined;
    const graph = forwardGraph(info, {
      bias: bias !== undefined,
      activation: fused.activation,
      leakyreluAlpha: fused.leakyreluAlpha ?? 0.2,
    });
    const graphInputs: Record<string, TensorInfo> = { x, w: filter };
    if (bias !== undefined) graphInputs["b"] = bias;
    return { graph, inputs: graphInputs };
  });
}

/** The transposed conv of the generator and the input gradient of every conv. */
export function conv2DBackpropInput(context: KernelContext, fallback?: KernelFunc): KernelFunc {
  return nativeKernel("Conv2DBackpropInput", context, fallback, ({ inputs, attrs }) => {
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const conv = attrs as unknown as Conv2DBackpropInputAttrs;
    if (!nhwc(conv) || !float32(dy, filter)) return undefined;
    const info = convInfo(conv.inputShape, filter.shape, { ...conv, dilations: 1 });
    if (isDenseConv(info)) return { graph: denseConvInputGradientGraph(info), inputs: { dy, w: filter } };
    const phases =
      info.inHeight * info.inWidth <= EXPLICIT_MAX_IMAGE_PIXELS && info.inChannels > 1
        ? convInputGradientByPhasesGraph(info)
        : undefined;
    const graph = phases ?? convInputGradientGraph(info);
    return graph === undefined ? undefined : { graph, inputs: { dy, w: filter } };
  });
}

export function conv2DBackpropFilter(context: KernelContext, fallback?: KernelFunc): KernelFunc {
  return nativeKernel("Conv2DBackpropFilter", context, fallback, ({ inputs, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const conv = attrs as unknown as Conv2DBackpropFilterAttrs;
    if (!nhwc(conv) || !float32(x, dy)) return undefined;
    const info = convInfo(x.shape, conv.filterShape, { ...conv, dilations: 1 });
    if (isDenseConv(info)) return { graph: denseConvFilterGradientGraph(info), inputs: { x, dy } };
    const graph =
      info.inChannels >= PATCHES_MIN_FILTER_GRADIENT_CHANNELS
        ? convFilterGradientByPatchesGraph(info)
        : convFilterGradientGraph(info);
    return graph === undefined ? undefined : { graph, inputs: { x, dy } };
  });
}
