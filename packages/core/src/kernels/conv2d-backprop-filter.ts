import {
  backend_util,
  type Conv2DBackpropFilterAttrs,
  type KernelBackend,
  type KernelFunc,
} from "@tensorflow/tfjs-core";
import { nhwcOnly, withBackendKernels } from "./backend-kernels";
import { namedInputs } from "./kernel-args";

const conv2DBackpropFilterInputs = namedInputs("Conv2DBackpropFilter", ["x", "dy"]);

/**
 * The filter gradient of a conv2d (NHWC) as one forward conv2d, so it runs on the backend's fast conv:
 * dW[kh,kw,ci,co] = sum over n,oh,ow of x[n, oh*s + kh - padTop, ow*s + kw - padLeft, ci] * dy[n,oh,ow,co],
 * which is a conv of x seen as (Cin, H, W, N) with dy seen as an (OH, OW, N, Cout) filter, stride 1 and
 * dilation = the original stride, padded like the original conv; its output is cropped to (KH, KW) and
 * transposed back to (KH, KW, Cin, Cout), all with the backend's own kernels. The wasm backend has no
 * such kernel at all.
 */
export function composedConv2DBackpropFilter(backendName: string, fallback?: KernelFunc): KernelFunc {
  const composed: KernelFunc = (args) => {
    const { x, dy } = conv2DBackpropFilterInputs(args.inputs);
    const { strides, pad, dimRoundingMode, filterShape } = args.attrs as unknown as Conv2DBackpropFilterAttrs;
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const { filterHeight, filterWidth, inChannels, outChannels, strideHeight, strideWidth, padInfo } = info;
    return withBackendKernels(backendName, args.backend as KernelBackend, (kernels) => {
      const inputAsBatchOfChannels = kernels.run("Transpose", { x }, { perm: [3, 1, 2, 0] });
      const gradientAsFilter = kernels.run("Transpose", { x: dy }, { perm: [1, 2, 0, 3] });
      const correlated = kernels.run(
        "Conv2D",
        { x: inputAsBatchOfChannels, filter: gradientAsFilter },
        {
          strides: [1, 1],
          pad: [
            [0, 0],
            [padInfo.top, padInfo.bottom],
            [padInfo.left, padInfo.right],
            [0, 0],
          ],
          dataFormat: "NHWC",
          dilations: [strideHeight, strideWidth],
        },
      );
      // The padded input can be longer than the conv needed (e.g. 'valid' with a remainder): keep the kernel's taps.
      const needsCrop = correlated.shape[1] !== filterHeight || correlated.shape[2] !== filterWidth;
      const cropped = needsCrop
        ? kernels.run(
            "Slice",
            { x: correlated },
            { begin: [0, 0, 0, 0], size: [inChannels, filterHeight, filterWidth, outChannels] },
          )
        : correlated;
      return kernels.run("Transpose", { x: cropped }, { perm: [1, 2, 0, 3] });
    });
  };
  return nhwcOnly("Conv2DBackpropFilter", composed, fallback);
}
