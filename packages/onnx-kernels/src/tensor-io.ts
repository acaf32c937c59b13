import type { KernelBackend, TensorInfo } from "@tensorflow/tfjs-core";
import type { Tensor as OrtTensor } from "onnxruntime-common";
import type { OnnxRuntime, SyncSession } from "./onnx-runtime";

type WasmBackend = KernelBackend & {
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
};

function isWasm(backend: KernelBackend): backend is WasmBackend {
  return typeof (backend as Partial<WasmBackend>).typedArrayFromHeap === "function";
}

/**
 * Runs a one-output session on tfjs tensors. On wasm, ORT reads the inputs from and writes the output into
 * the wasm heap directly (no copies); on other backends the values are read and the result written back.
 */
export function runOnBackend(
  runtime: OnnxRuntime,
  backend: KernelBackend,
  session: SyncSession,
  inputs: Record<string, TensorInfo>,
  output: { name: string; shape: number[] },
): TensorInfo {
  const { Tensor } = runtime;
  if (isWasm(backend)) {
    // Allocate first: growing the heap detaches every view taken before.
    const result = backend.makeOutput(output.shape, "float32");
    const feeds: Record<string, OrtTensor> = {};
    for (const [name, info] of Object.entries(inputs))
      feeds[name] = new Tensor("float32", backend.typedArrayFromHeap(info), info.shape);
    const target = new Tensor("float32", backend.typedArrayFromHeap(result), output.shape);
    try {
      session.run(feeds, { [output.name]: target }, {});
    } catch (error) {
      backend.disposeData(result.dataId);
      throw error;
    }
    return result;
  }
  const feeds: Record<string, OrtTensor> = {};
  for (const [name, info] of Object.entries(inputs)) {
    feeds[name] = new Tensor("float32", backend.readSync(info.dataId) as Float32Array, info.shape);
  }
  const values = session.run(feeds, { [output.name]: null }, {})[output.name]?.data as Float32Array;
  return { dataId: backend.write(values, output.shape, "float32"), shape: output.shape, dtype: "float32" };
}
