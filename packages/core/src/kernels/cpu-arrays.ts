import type { KernelBackend, TensorInfo } from "@tensorflow/tfjs-core";

/**
 * Runs a JS kernel on the cpu backend's own float32 arrays: `compute` gets the inputs' values (to read only)
 * and fresh outputs of the given shapes to fill, which the backend then takes over without a copy.
 */
export function computeOnCpuArrays(
  backend: KernelBackend,
  inputs: TensorInfo[],
  outputShapes: number[][],
  compute: (inputs: Float32Array[], outputs: Float32Array[]) => void,
): TensorInfo[] {
  for (const info of inputs) {
    if (info.dtype !== "float32") throw new Error(`This kernel takes float32 tensors, got ${info.dtype}.`);
  }
  const outputs = outputShapes.map((shape) => new Float32Array(shape.reduce((size, d) => size * d, 1)));
  compute(
    inputs.map((info) => backend.readSync(info.dataId) as Float32Array),
    outputs,
  );
  return outputs.map((values, i) => ({ dataId: backend.write(values, outputShapes[i]!, "float32"), shape: outputShapes[i]!, dtype: "float32" }));
}
