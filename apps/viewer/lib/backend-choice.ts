// Which tfjs backend runs the generator in this browser: WebGPU, then WebGL, on a real GPU; wasm otherwise.
// GPU backends only pay off on hardware: behind a software rasteriser (SwiftShader, llvmpipe) WebGL was about
// 8 times slower than wasm (see design.md).
import { probeWebglRenderer } from "@/lib/webgl-renderer";
import { describeAdapter, isSoftwareAdapter, probeWebgpuAdapter } from "@/lib/webgpu-adapter";
import { isSoftwareGpuName } from "@/lib/software-gpu";

export const BACKENDS = ["webgpu", "webgl", "wasm"] as const;
export type BackendName = (typeof BACKENDS)[number];

export type BackendChoice = { backend: BackendName; reason: string };

export function parseBackendParam(value: string | null | undefined): BackendName | null {
  return BACKENDS.find((backend) => backend === value) ?? null;
}

export async function chooseBackend(forced: BackendName | null): Promise<BackendChoice> {
  if (forced === "webgpu") return forcedWebgpu();
  if (forced) return { backend: forced, reason: `forced by ?backend=${forced}` };

  const webgpu = await probeWebgpuAdapter();
  if (webgpu.status === "ready" && !isSoftwareAdapter(webgpu.info)) {
    return { backend: "webgpu", reason: `GPU: ${describeAdapter(webgpu.info)}` };
  }
  const whyNotWebgpu =
    webgpu.status === "ready" ? `WebGPU adapter is software (${describeAdapter(webgpu.info)})` : webgpu.reason;
  const renderer = probeWebglRenderer();
  if (renderer === null) return { backend: "wasm", reason: `${whyNotWebgpu}; WebGL is not available` };
  if (isSoftwareGpuName(renderer)) {
    return { backend: "wasm", reason: `${whyNotWebgpu}; WebGL renders in software (${renderer})` };
  }
  return { backend: "webgl", reason: `${whyNotWebgpu}; GPU: ${renderer}` };
}

/** Forcing WebGPU runs it on any adapter, software included; with none at all it fails with the reason. */
async function forcedWebgpu(): Promise<BackendChoice> {
  const webgpu = await probeWebgpuAdapter();
  if (webgpu.status === "unavailable") {
    throw new Error(`?backend=webgpu cannot run here: ${webgpu.reason}.`);
  }
  const kind = isSoftwareAdapter(webgpu.info) ? "software adapter" : "GPU";
  return { backend: "webgpu", reason: `forced by ?backend=webgpu (${kind}: ${describeAdapter(webgpu.info)})` };
}
