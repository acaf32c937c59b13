import {
  backend_util,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelFunc,
  type TensorInfo,
} from "@tensorflow/tfjs-core";
import { nhwcOnly, withBackendKernels } from "./backend-kernels";

/**
 * The input gradient of a conv2d (NHWC), which is also the forward pass of a transposed conv, as one
 * ordinary stride-1 conv2d (the wasm backend runs this kernel in its own slow loop, not in XNNPACK).
 *
 * With stride s, input row h receives from kernel rows kh = (h + padTop) mod s + s*j only, so each of the
 * s*s output phases is a stride-1 convolution of dy with a sub-kernel of the flipped filter. All phases run
 * as one conv whose output channels are (phase, Cin); interleaving the phases into space (depth-to-space)
 * and cropping the padding gives dx. Exact: no inserted zeros are multiplied.
 */
export function composedConv2DBackpropInput(backendName: string, fallback?: KernelFunc): KernelFunc {
  const composed: KernelFunc = (args) => {
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
    const filterShape = filter.shape as [number, number, number, number];
    const info = backend_util.computeConv2DInfo(inputShape, filterShape, strides, 1, pad, dimRoundingMode);
    const [batch, height, width, inChannels] = inputShape;
    const { filterHeight, filterWidth, outChannels, outHeight, outWidth, strideHeight, strideWidth, padInfo } = info;
    // Taps per phase, and how many rows/columns of the phase grid dx reaches into.
    const tapsHigh = Math.ceil(filterHeight / strideHeight);
    const tapsWide = Math.ceil(filterWidth / strideWidth);
    const phaseRows = Math.ceil((padInfo.top + height) / strideHeight);
    const phaseCols = Math.ceil((padInfo.left + width) / strideWidth);
    const phaseCount = strideHeight * strideWidth;

    const fromSinglePixel =
      outHeight === 1 && outWidth === 1 && height === filterHeight && width === filterWidth && padInfo.top === 0 && padInfo.left === 0;
    // The generator's first layer (1x1 -> KxK, 'valid') is one matrix product per pixel: as a padded conv it
    // would multiply mostly zeros, and wasm's own loop is as fast as any composition measured (matmul included).
    if (fromSinglePixel && fallback !== undefined) return fallback(args);

    return withBackendKernels(backendName, args.backend as KernelBackend, (kernels) => {
      // Filter (KH, KW, Cin, Cout) -> (J, J, Cout, phase * Cin): split kh = j*s + phase, flip j, swap channels.
      const padRows = tapsHigh * strideHeight - filterHeight;
      const padCols = tapsWide * strideWidth - filterWidth;
      const paddedFilter =
        padRows > 0 || padCols > 0
          ? kernels.run("PadV2", { x: filter }, { paddings: [[0, padRows], [0, padCols], [0, 0], [0, 0]], constantValue: 0 })
          : filter;
      const split = kernels.reshape(paddedFilter, [tapsHigh, strideHeight, tapsWide, strideWidth, inChannels, outChannels]);
      const flipped = kernels.run("Reverse", { x: split }, { dims: [0, 2] });
      const regrouped = kernels.run("Transpose", { x: flipped }, { perm: [0, 2, 5, 1, 3, 4] });
      const phaseFilter = kernels.reshape(regrouped, [tapsHigh, tapsWide, outChannels, phaseCount * inChannels]);

      const phases = kernels.run(
        "Conv2D",
        { x: dy, filter: phaseFilter },
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
      const [, gridRows = 0, gridCols = 0] = phases.shape;
      let interleaved = phases;
      if (phaseCount > 1) {
        const grouped = kernels.reshape(phases, [batch, gridRows, gridCols, strideHeight, strideWidth, inChannels]);
        const spread = kernels.run("Transpose", { x: grouped }, { perm: [0, 1, 3, 2, 4, 5] });
        interleaved = kernels.reshape(spread, [batch, gridRows * strideHeight, gridCols * strideWidth, inChannels]);
      }
      const exact =
        padInfo.top === 0 && padInfo.left === 0 && interleaved.shape[1] === height && interleaved.shape[2] === width;
      return exact
        ? kernels.run("Identity", { x: interleaved })
        : kernels.run("Slice", { x: interleaved }, { begin: [0, padInfo.top, padInfo.left, 0], size: [batch, height, width, inChannels] });
    });
  };
  return nhwcOnly("Conv2DBackpropInput", composed, fallback);
}
