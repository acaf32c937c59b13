import {
  getKernel,
  type KernelBackend,
  type KernelFunc,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from "@tensorflow/tfjs-core";

/** Runs the backend's own registered kernel `kernelName` for its one output (the caller frees it). */
export function runBackendKernel(
  backendName: string,
  backend: KernelBackend,
  kernelName: string,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const kernel = getKernel(kernelName, backendName);
  if (kernel === undefined) {
    throw new Error(
      `The ${backendName} backend has no '${kernelName}' kernel, which the composed training kernels need.`,
    );
  }
  const output = kernel.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(output)) {
    throw new Error(`Kernel '${kernelName}' returned ${output.length} outputs where one was expected.`);
  }
  return output;
}

/**
 * Runs a backend's own registered kernels from inside another kernel, and frees every intermediate result
 * except the one that is returned (kernels work on raw TensorInfos, outside the engine's tidy scopes).
 */
export class BackendKernels {
  private readonly intermediates: TensorInfo[] = [];

  constructor(
    private readonly backendName: string,
    private readonly backend: KernelBackend,
  ) {}

  run(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const output = runBackendKernel(this.backendName, this.backend, kernelName, inputs, attrs);
    this.intermediates.push(output);
    return output;
  }

  /** A float32 tensor's values, to read only (a copy on wasm, the backend's own array on cpu). */
  read(x: TensorInfo): Float32Array {
    return this.backend.readSync(x.dataId) as Float32Array;
  }

  /** Puts values computed here on the backend as a new intermediate (the backend takes the array). */
  write(values: Float32Array, shape: number[]): TensorInfo {
    const output: TensorInfo = { dataId: this.backend.write(values, shape, "float32"), shape, dtype: "float32" };
    this.intermediates.push(output);
    return output;
  }

  /** Frees all intermediates but `result` and hands `result` to the caller. */
  finish(result: TensorInfo): TensorInfo {
    for (const info of this.intermediates) {
      if (info !== result) this.backend.disposeData(info.dataId);
    }
    this.intermediates.length = 0;
    return result;
  }

  /** Frees everything, for the error path. */
  abandon(): void {
    for (const info of this.intermediates) this.backend.disposeData(info.dataId);
    this.intermediates.length = 0;
  }
}

/** Runs `body` with a BackendKernels and frees its intermediates whether it returns or throws. */
export function withBackendKernels(
  backendName: string,
  backend: KernelBackend,
  body: (kernels: BackendKernels) => TensorInfo,
): TensorInfo {
  const kernels = new BackendKernels(backendName, backend);
  try {
    return kernels.finish(body(kernels));
  } catch (error) {
    kernels.abandon();
    throw error;
  }
}

/** Wraps an NHWC-only composition: NCHW calls go to the backend's own kernel, or fail clearly without one. */
export function nhwcOnly(kernelName: string, composed: KernelFunc, fallback?: KernelFunc): KernelFunc {
  return (args) => {
    if ((args.attrs as { dataFormat?: string } | undefined)?.dataFormat !== "NCHW") return composed(args);
    if (fallback !== undefined) return fallback(args);
    throw new Error(`The composed ${kernelName} supports NHWC only; use dataFormat 'NHWC'.`);
  };
}
