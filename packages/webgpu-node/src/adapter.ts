/** What the trainer prints and records about the GPU it trains on. */
export type AdapterDescription = {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A CPU implementation of WebGPU (SwiftShader, llvmpipe, lavapipe, WARP): correct, but no faster than the CPU backends. */
  software: boolean;
  /** One line for people: "nvidia hopper (NVIDIA H200)". */
  summary: string;
};

/** The fields of GPUAdapterInfo read here (Dawn adds isFallbackAdapter). */
export type AdapterInfoLike = {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
};

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render driver|\bwarp\b/i;

export function describeAdapter(info: AdapterInfoLike): AdapterDescription {
  const vendor = info.vendor ?? "";
  const architecture = info.architecture ?? "";
  const device = info.device ?? "";
  const description = info.description ?? "";
  const software =
    info.isFallbackAdapter === true || SOFTWARE_ADAPTER.test([vendor, architecture, device, description].join(" "));
  const name = [vendor, architecture].filter(Boolean).join(" ") || "unknown adapter";
  const summary = description ? `${name} (${description})` : name;
  return { vendor, architecture, device, description, software, summary };
}
