export { startWebGpuBackend, WEBGPU_BACKEND, type WebGpuStart, type WebGpuStartOptions } from "./start-backend";
export { describeAdapter, type AdapterDescription, type AdapterInfoLike } from "./adapter";
export { prepareVulkanEnvironment, type VulkanEnvironment } from "./vulkan-drivers";
