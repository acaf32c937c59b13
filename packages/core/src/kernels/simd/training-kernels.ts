import type { KernelBackend, TensorInfo } from "@tensorflow/tfjs-core";
import type { KernelArgs, TypedKernelFunc } from "../kernel-args";
import { assertFloat32, each, isWasmBackend, type Each, type WasmBackend, type WasmMemory } from "../typed-arrays";
import { TRAINING_KERNELS_SHARED_WASM_BASE64, TRAINING_KERNELS_WASM_BASE64 } from "./training-kernels.wasm";

/*
 * Core's fused training kernels for tfjs's wasm backend, in WebAssembly SIMD (training-kernels.wat) that
 * imports the backend's own memory, so tensors are read and written in place. Batch norm took 0.44 ms for
 * a 64x16x16x32 activation against about 4 ms as ORT graphs and more as wasm's composed kernels. This file
 * binds the module to a backend's memory; one file per kernel calls it.
 */

/** A byte offset into the backend's memory. */
export type Pointer = number;

/** The module's exports, parameter for parameter as training-kernels.wat declares them (`n` counts floats). */
export type TrainingKernelExports = {
  batch_norm_forward(
    x: Pointer,
    n: number,
    c: number,
    gamma: Pointer,
    beta: Pointer,
    oldMean: Pointer,
    oldVariance: Pointer,
    momentum: number,
    epsilon: number,
    even: number,
    odd: number,
    y: Pointer,
    xHat: Pointer,
    inverseStd: Pointer,
    newMean: Pointer,
    newVariance: Pointer,
    meanScratch: Pointer,
  ): void;
  batch_norm_backward(
    dy: Pointer,
    y: Pointer,
    xHat: Pointer,
    gamma: Pointer,
    inverseStd: Pointer,
    n: number,
    c: number,
    slope: number,
    dx: Pointer,
    dGamma: Pointer,
    dBeta: Pointer,
    scratch: Pointer,
  ): void;
  bias_activation_forward(x: Pointer, bias: Pointer, n: number, c: number, even: number, odd: number, y: Pointer): void;
  bias_activation_backward(
    dy: Pointer,
    y: Pointer,
    n: number,
    c: number,
    kind: number,
    slope: number,
    dx: Pointer,
    dBias: Pointer,
  ): void;
  adam(
    w: Pointer,
    m: Pointer,
    v: Pointer,
    g: Pointer,
    n: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    epsilon: number,
    stepSize: number,
    secondCorrectionRoot: number,
    w1: Pointer,
    m1: Pointer,
    v1: Pointer,
  ): void;
};

/** The module bound to one backend's memory. */
export type TrainingKernels = { exports: TrainingKernelExports; memory: WasmMemory };

/*
 * WebAssembly and atob exist wherever core runs (Node 16+, browsers), but TypeScript declares them only in
 * lib.dom and @types/node, which core leaves out to stay platform-agnostic: the parts used here.
 */
type WebAssemblyApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: { env: { memory: WasmMemory } }) => { exports: unknown };
  validate(bytes: Uint8Array): boolean;
};
const runtime = globalThis as unknown as { WebAssembly?: WebAssemblyApi; atob(data: string): string };

function decode(base64: string): Uint8Array {
  return Uint8Array.from(runtime.atob(base64), (char: string) => char.charCodeAt(0));
}

const instances = new WeakMap<WasmMemory, TrainingKernels>();

/**
 * The kernels' instance bound to this backend's memory, or undefined where it cannot be (no SIMD). The threaded
 * build's memory is shared (cross-origin isolated pages): a module may only import it if it declares the import
 * shared, so that memory gets the shared build of the same module.
 */
export function trainingKernelsFor(backend: WasmBackend): TrainingKernels | undefined {
  const memory = backend.wasm.asm?.memory ?? backend.wasm.wasmMemory;
  const wasm = runtime.WebAssembly;
  if (memory === undefined || wasm === undefined) return undefined;
  let kernels = instances.get(memory);
  if (kernels === undefined) {
    const binary =
      memory.buffer instanceof ArrayBuffer ? TRAINING_KERNELS_WASM_BASE64 : TRAINING_KERNELS_SHARED_WASM_BASE64;
    try {
      const { exports } = new wasm.Instance(new wasm.Module(decode(binary)), { env: { memory } });
      kernels = { exports: exports as TrainingKernelExports, memory };
    } catch {
      return undefined;
    }
    instances.set(memory, kernels);
  }
  return kernels;
}

/** Whether this machine's WebAssembly runs the kernels (SIMD and bulk memory). */
export function simdSupported(): boolean {
  try {
    return runtime.WebAssembly?.validate(decode(TRAINING_KERNELS_WASM_BASE64)) ?? false;
  } catch {
    return false;
  }
}

/** Whether the SIMD kernels run on this backend (else their calls take the JS or composed paths). */
export function simdKernelsRunOn(backend: KernelBackend): boolean {
  return isWasmBackend(backend) && trainingKernelsFor(backend) !== undefined;
}

/** The heap as floats: index = pointer / 4 (a fresh view: growing the memory detaches older ones). */
export function heapFloats({ memory }: TrainingKernels): Float32Array {
  return new Float32Array(memory.buffer);
}

export function pointer(backend: WasmBackend, info: TensorInfo): Pointer {
  const data = backend.dataIdMap.get(info.dataId);
  if (data === undefined) throw new Error("A tensor handed to a SIMD kernel is not in the wasm backend's memory.");
  return data.memoryOffset;
}

export const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
export const channelsOf = (info: TensorInfo) => info.shape[info.shape.length - 1] ?? 1;

/** Allocates outputs (and scratch) first, then hands the kernel every pointer; scratch is freed after. */
export function runOnHeap<const Inputs extends readonly TensorInfo[], const Shapes extends readonly number[][]>(
  backend: WasmBackend,
  inputs: Inputs,
  outputShapes: Shapes,
  scratchFloats: number,
  body: (input: Each<Inputs, Pointer>, output: Each<Shapes, Pointer>, scratch: Pointer) => void,
): Each<Shapes, TensorInfo> {
  assertFloat32(inputs);
  const outputs = each(outputShapes, (shape) => backend.makeOutput(shape, "float32"));
  const scratch = scratchFloats > 0 ? backend.makeOutput([scratchFloats], "float32") : undefined;
  try {
    body(
      each(inputs, (info) => pointer(backend, info)),
      each(outputs, (info) => pointer(backend, info)),
      scratch === undefined ? 0 : pointer(backend, scratch),
    );
  } finally {
    if (scratch !== undefined) backend.disposeData(scratch.dataId);
  }
  return outputs;
}

/** A kernel that runs `simd` where the backend's memory takes the instance, else (or where it declines) `fallback`. */
export function simdKernel<Inputs, Attrs>(
  fallback: TypedKernelFunc<Inputs, Attrs>,
  simd: (
    kernels: TrainingKernels,
    backend: WasmBackend,
    args: KernelArgs<Inputs, Attrs>,
  ) => TensorInfo | TensorInfo[] | undefined,
): TypedKernelFunc<Inputs, Attrs> {
  return (args) => {
    const wasm = isWasmBackend(args.backend) ? args.backend : undefined;
    const kernels = wasm === undefined ? undefined : trainingKernelsFor(wasm);
    const outputs = wasm === undefined || kernels === undefined ? undefined : simd(kernels, wasm, args);
    return outputs ?? fallback(args);
  };
}

/**
 * Channels per SIMD row for a bias of `channels`: a multiple of 4, with the bias repeated to fill it (1 and
 * 3 channel images become rows of 4 and 12). Undefined if the tensor does not divide into such rows.
 */
export function rowChannels(channels: number, elements: number): number | undefined {
  const row = channels % 4 === 0 ? channels : channels % 2 === 0 ? 2 * channels : 4 * channels;
  return elements % row === 0 ? row : undefined;
}
