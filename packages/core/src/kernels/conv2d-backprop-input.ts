import {
  backend_util,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelFunc,
} from "@tensorflow/tfjs-core";
import { nhwcOnly, withBackendKernels } from "./backend-kernels";
import { namedInputs } from "./kernel-args";
import { interleavePhases, phaseFilter } from "./layout";

const conv2DBackpropInputInputs = namedInputs("Conv2DBackpropInput", ["dy", "filter"]);

/**
 * The input gradient of a conv2d (NHWC), which is also the forward pass of a transposed conv, as one
 * ordinary stride-1 conv2d (the wasm backend runs this kernel in its own slow loop, not in XNNPACK).
 *
 * With stride s, input row h receives from kernel rows kh = (h + padTop) mod s + s*j only, so each of the
 * s*s output phases is a stride-1 convolution of dy with a sub-kernel of the flipped filter. All phases run
 * as one conv (the backend's own) whose output channels are (phase, Cin); interleaving the phases into
 * space (depth-to-space) and cropping the padding gives dx (layout.ts). No inserted zeros are multiplied;
 * the phase grid is at most one row and column larger than each phase needs.
 */
export function composedConv2DBackpropInput(backendName: string, fallback?: KernelFunc): KernelFunc {
  const composed: KernelFunc = (args) => {
    const { dy, filter } = conv2DBackpropInputInputs(args.inputs);
    const { strides, pad, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
    const filterShape = filter.shape as [number, number, number, number];
    const info = backend_util.computeConv2DInfo(inputShape, filterShape, strides, 1, pad, dimRoundingMode);
    const [batch, height, width, inChannels] = inputShape;
    const { filterHeight, filterWidth, outHeight, outWidth, strideHeight, strideWidth, padInfo } = info;
    // Taps per phase, and how many rows/columns of the phase grid dx reaches into.
    const tapsHigh = Math.ceil(filterHeight / strideHeight);
    const tapsWide = Math.ceil(filterWidth / strideWidth);
    const phaseRows = Math.ceil((padInfo.top + height) / strideHeight);
    const phaseCols = Math.ceil((padInfo.left + width) / strideWidth);

    const fromSinglePixel =
      outHeight === 1 &&
      outWidth === 1 &&
      height === filterHeight &&
      width === filterWidth &&
      padInfo.top === 0 &&
      padInfo.left === 0;
    // The generator's first layer (1x1 -> KxK, 'valid') is one matrix product per pixel: as a padded conv it
    // would multiply mostly zeros, and wasm's own loop is as fast as any composition measured (matmul included).
    if (fromSinglePixel && fallback !== undefined) return fallback(args);

    return withBackendKernels(backendName, args.backend as KernelBackend, (kernels) => {
      const regrouped = phaseFilter(kernels.read(filter), filterShape, strideHeight, strideWidth);
      const phases = kernels.run(
        "Conv2D",
        { x: dy, filter: kernels.write(regrouped.values, regrouped.shape) },
        {
          strides: [1, 1],
          pad: [
            [0, 0],
            [tapsHigh - 1, Math.max(0, phaseRows - outHeight)],
            [tapsWide - 1, Math.max(0, phaseCols - outWidth)],
            [0, 0],
          ],
          dataFormat: "NHWC",
          dilations: [1, 1],
        },
      );
      const crop = { top: padInfo.top, left: padInfo.left, height, width };
      return kernels.write(interleavePhases(kernels.read(phases), phases.shape, strideHeight, strideWidth, crop), [
        batch,
        height,
        width,
        inChannels,
      ]);
    });
  };
  return nhwcOnly("Conv2DBackpropInput", composed, fallback);
}
