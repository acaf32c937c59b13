import type { KernelBackend, TensorInfo } from "@tensorflow/tfjs-core";
import type { Tensor as OrtTensor } from "onnxruntime-common";
import type { OnnxRuntime, SyncSession } from "./onnx-runtime";

type WasmBackend = KernelBackend & {
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
};

/** What a graph input is fed from: a tfjs tensor, or values computed in JS (a per-step scalar, say). */
export type Feed = TensorInfo | { values: Float32Array; shape: number[] };

function isTensorInfo(feed: Feed): feed is TensorInfo {
  return "dataId" in feed;
}

function isWasm(backend: KernelBackend): backend is WasmBackend {
  return typeof (backend as Partial<WasmBackend>).typedArrayFromHeap === "function";
}

/**
 * Runs a session on tfjs tensors and returns its outputs in order. On wasm, ORT reads the inputs from and
 * writes the outputs into the wasm heap directly (no copies); on other backends the values are read and the
 * results written back.
 */
export function runOnBackend(
  runtime: OnnxRuntime,
  backend: KernelBackend,
  session: SyncSession,
  inputs: Record<string, Feed>,
  outputs: { name: string; shape: number[] }[],
): TensorInfo[] {
  const { Tensor } = runtime;
  if (isWasm(backend)) {
    // Allocate first: growing the heap detaches every view taken before.
    const results = outputs.map(({ shape }) => backend.makeOutput(shape, "float32"));
    const feeds: Record<string, OrtTensor> = {};
    for (const [name, feed] of Object.entries(inputs)) {
      feeds[name] = new Tensor("float32", isTensorInfo(feed) ? backend.typedArrayFromHeap(feed) : feed.values, feed.shape);
    }
    const fetches: Record<string, OrtTensor> = {};
    outputs.forEach(({ name, shape }, i) => (fetches[name] = new Tensor("float32", backend.typedArrayFromHeap(results[i]!), shape)));
    try {
      session.run(feeds, fetches, {});
    } catch (error) {
      for (const result of results) backend.disposeData(result.dataId);
      throw error;
    }
    return results;
  }
  const feeds: Record<string, OrtTensor> = {};
  for (const [name, feed] of Object.entries(inputs)) {
    feeds[name] = new Tensor("float32", isTensorInfo(feed) ? (backend.readSync(feed.dataId) as Float32Array) : feed.values, feed.shape);
  }
  const fetched = session.run(feeds, Object.fromEntries(outputs.map(({ name }) => [name, null])), {});
  return outputs.map(({ name, shape }) => ({
    dataId: backend.write(fetched[name]?.data as Float32Array, shape, "float32"),
    shape,
    dtype: "float32",
  }));
}
