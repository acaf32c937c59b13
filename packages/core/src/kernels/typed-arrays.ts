import type { KernelBackend, TensorInfo } from "@tensorflow/tfjs-core";

/** A WebAssembly.Memory, as far as the kernels use it (core declares no DOM or Node types). */
export type WasmMemory = { readonly buffer: ArrayBuffer | SharedArrayBuffer };

/** The parts of tfjs's wasm backend that kernels working on its memory use. */
export type WasmBackend = KernelBackend & {
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  wasm: { asm?: { memory?: WasmMemory } };
};

export function isWasmBackend(backend: KernelBackend): backend is WasmBackend {
  return typeof (backend as Partial<WasmBackend>).typedArrayFromHeap === "function";
}

/**
 * Runs a JS kernel on float32 arrays: `compute` gets the inputs' values (to read only) and fresh outputs of
 * the given shapes to fill. On wasm both are views of the module's heap (outputs are allocated first:
 * growing the heap detaches earlier views); on cpu they are the backend's own arrays, no copies either way.
 */
export function computeOnArrays(
  backend: KernelBackend,
  inputs: TensorInfo[],
  outputShapes: number[][],
  compute: (inputs: Float32Array[], outputs: Float32Array[]) => void,
): TensorInfo[] {
  for (const info of inputs) {
    if (info.dtype !== "float32") throw new Error(`This kernel takes float32 tensors, got ${info.dtype}.`);
  }
  if (isWasmBackend(backend)) {
    const outputs = outputShapes.map((shape) => backend.makeOutput(shape, "float32"));
    compute(
      inputs.map((info) => backend.typedArrayFromHeap(info)),
      outputs.map((info) => backend.typedArrayFromHeap(info)),
    );
    return outputs;
  }
  const outputs = outputShapes.map((shape) => new Float32Array(shape.reduce((size, d) => size * d, 1)));
  compute(
    inputs.map((info) => backend.readSync(info.dataId) as Float32Array),
    outputs,
  );
  return outputs.map((values, i) => ({ dataId: backend.write(values, outputShapes[i]!, "float32"), shape: outputShapes[i]!, dtype: "float32" }));
}
