import type { KernelBackend, TensorInfo } from "@tensorflow/tfjs-core";

/** A WebAssembly.Memory, as far as the kernels use it (core declares no DOM or Node types). */
export type WasmMemory = { readonly buffer: ArrayBuffer | SharedArrayBuffer };

/** The parts of tfjs's wasm backend that kernels working on its memory use. */
export type WasmBackend = KernelBackend & {
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  /** The single-threaded builds export their memory; the threaded build imports it (Module.wasmMemory). */
  wasm: { asm?: { memory?: WasmMemory }; wasmMemory?: WasmMemory };
};

export function isWasmBackend(backend: KernelBackend): backend is WasmBackend {
  return typeof (backend as Partial<WasmBackend>).typedArrayFromHeap === "function";
}

/** One `V` for each element of the tuple `T` (so a kernel's n inputs give n arrays, no element undefined). */
export type Each<T extends readonly unknown[], V> = { -readonly [K in keyof T]: V };

/** `items.map(f)`, typed as a tuple of the same length. */
export function each<T extends readonly unknown[], V>(items: T, f: (item: T[number]) => V): Each<T, V> {
  return items.map(f) as unknown as Each<T, V>;
}

export function assertFloat32(inputs: readonly TensorInfo[]): void {
  for (const info of inputs) {
    if (info.dtype !== "float32") throw new Error(`This kernel takes float32 tensors, got ${info.dtype}.`);
  }
}

/**
 * Runs a JS kernel on float32 arrays: `compute` gets the inputs' values (to read only) and fresh outputs of
 * the given shapes to fill. On wasm both are views of the module's heap (outputs are allocated first:
 * growing the heap detaches earlier views); on cpu they are the backend's own arrays, no copies either way.
 */
export function computeOnArrays<const Inputs extends readonly TensorInfo[], const Shapes extends readonly number[][]>(
  backend: KernelBackend,
  inputs: Inputs,
  outputShapes: Shapes,
  compute: (inputs: Each<Inputs, Float32Array>, outputs: Each<Shapes, Float32Array>) => void,
): Each<Shapes, TensorInfo> {
  assertFloat32(inputs);
  if (isWasmBackend(backend)) {
    const outputs = each(outputShapes, (shape) => backend.makeOutput(shape, "float32"));
    compute(
      each(inputs, (info) => backend.typedArrayFromHeap(info)),
      each(outputs, (info) => backend.typedArrayFromHeap(info)),
    );
    return outputs;
  }
  const outputs = each(outputShapes, (shape) => ({
    shape,
    values: new Float32Array(shape.reduce((size, d) => size * d, 1)),
  }));
  compute(
    each(inputs, (info) => backend.readSync(info.dataId) as Float32Array),
    each(outputs, ({ values }) => values),
  );
  return each(outputs, ({ shape, values }): TensorInfo => ({
    dataId: backend.write(values, shape, "float32"),
    shape,
    dtype: "float32",
  }));
}
