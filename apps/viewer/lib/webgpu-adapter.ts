// Which WebGPU adapter this browser offers, read without starting tfjs, and whether it is a real GPU.
import { isSoftwareGpuName } from "@/lib/software-gpu";

export type AdapterInfo = {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
};

export type WebgpuProbe = { status: "ready"; info: AdapterInfo } | { status: "unavailable"; reason: string };

/** A hung requestAdapter() must not keep the page loading forever. */
const ADAPTER_TIMEOUT_MS = 10_000;

/** Older browsers: no `info`, but `requestAdapterInfo()` and a fallback flag on the adapter itself. */
type AnyAdapter = GPUAdapter & {
  info?: Partial<AdapterInfo>;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<Partial<AdapterInfo>>;
};

export async function probeWebgpuAdapter(): Promise<WebgpuProbe> {
  if (!("gpu" in navigator)) return { status: "unavailable", reason: "WebGPU is not available (no navigator.gpu)" };
  let adapter: AnyAdapter | null;
  try {
    adapter = await withTimeout(
      navigator.gpu.requestAdapter({ powerPreference: "high-performance" }),
      ADAPTER_TIMEOUT_MS,
    );
  } catch (error) {
    return { status: "unavailable", reason: `WebGPU gave no adapter (${(error as Error).message})` };
  }
  if (!adapter) return { status: "unavailable", reason: "WebGPU gave no adapter" };
  const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
  return {
    status: "ready",
    info: {
      vendor: info.vendor ?? "",
      architecture: info.architecture ?? "",
      device: info.device ?? "",
      description: info.description ?? "",
      isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
    },
  };
}

/** A fallback adapter is software by definition; otherwise the names give it away (SwiftShader, llvmpipe...). */
export function isSoftwareAdapter(info: AdapterInfo): boolean {
  return (
    info.isFallbackAdapter ||
    isSoftwareGpuName([info.vendor, info.architecture, info.device, info.description].join(" "))
  );
}

/** "nvidia hopper", or whatever the browser is willing to say (it may blank fields for privacy). */
export function describeAdapter(info: AdapterInfo): string {
  const words = [info.vendor, info.architecture, info.description || info.device].filter((word) => word !== "");
  return words.length > 0 ? words.join(" ") : "an unnamed adapter";
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
