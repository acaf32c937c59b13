// Names that give away a GPU emulated on the CPU. Behind one, GPU backends lose to wasm: WebGL through
// SwiftShader was about 8 times slower than wasm (see design.md).
const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render driver/i;

/** True when a WebGL renderer string or a WebGPU adapter's name describes a software rasteriser. */
export function isSoftwareGpuName(name: string): boolean {
  return SOFTWARE_GPU.test(name);
}
