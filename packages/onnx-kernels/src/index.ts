export { loadOnnxRuntime, type RuntimeLoad } from "./onnx-runtime";
export {
  onnxKernelCounts,
  registerOnnxKernels,
  unregisterOnnxKernels,
  ONNX_KERNEL_BACKENDS,
  type OnnxKernelBackend,
  type OnnxKernelOptions,
  type OnnxKernelsResult,
} from "./register";
export { ONNX_KERNEL_NAMES, type KernelCounts, type OnnxKernelName } from "./conv-kernels";
