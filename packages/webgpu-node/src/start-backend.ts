import * as tf from "@tensorflow/tfjs-core";
import type * as TfjsWebGpu from "@tensorflow/tfjs-backend-webgpu";
import type * as Dawn from "webgpu";
import { describeAdapter, type AdapterDescription } from "./adapter";
import { hasVulkanLoader, prepareVulkanEnvironment } from "./vulkan-drivers";

export const WEBGPU_BACKEND = "webgpu";

export type WebGpuStartOptions = {
  /** Accept a software adapter (SwiftShader, llvmpipe): right for tests and `--backend webgpu`, not for `auto`. */
  allowSoftware: boolean;
};

export type WebGpuStart =
  | { ok: true; adapter: AdapterDescription; limits: { maxBufferSize: number; maxStorageBufferBindingSize: number } }
  | { ok: false; reason: string; adapter?: AdapterDescription };

type DawnModule = typeof Dawn;
type WebGpuBackendModule = typeof TfjsWebGpu;

/** One Dawn instance and device per process: tfjs keeps the backend, and a second device would double GPU memory. */
let started: Promise<WebGpuStart> | null = null;

/** `load` is a literal `import()` so that bundlers (the GPU kit's esbuild) can follow it. */
async function importOptional<T>(load: () => Promise<T>, what: string): Promise<{ module: T } | { reason: string }> {
  try {
    return { module: await load() };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    return { reason: `${what} could not be loaded (${message}); reinstall with \`pnpm install\`` };
  }
}

/**
 * tfjs's WebGPUBackend refuses to construct unless `navigator.gpu` exists (Node 20 has no navigator; later
 * Nodes have one without gpu). Lend it Dawn's GPU for the constructor only, so no other library sees a
 * browser-like global.
 */
function withNavigatorGpu<T>(gpu: GPU, body: () => T): T {
  const global = globalThis as { navigator?: { gpu?: GPU } };
  const hadNavigator = "navigator" in globalThis;
  if (!hadNavigator)
    Object.defineProperty(globalThis, "navigator", { value: { gpu }, configurable: true, writable: true });
  else Object.defineProperty(global.navigator, "gpu", { value: gpu, configurable: true });
  try {
    return body();
  } finally {
    if (!hadNavigator) delete global.navigator;
    else delete global.navigator!.gpu;
  }
}

async function startDawn(): Promise<WebGpuStart> {
  const dawn = await importOptional<DawnModule>(() => import("webgpu"), "Dawn's Node bindings (npm package webgpu)");
  if ("reason" in dawn) return { ok: false, reason: dawn.reason };
  const backendModule = await importOptional<WebGpuBackendModule>(
    () => import("@tensorflow/tfjs-backend-webgpu"),
    "@tensorflow/tfjs-backend-webgpu",
  );
  if ("reason" in backendModule) return { ok: false, reason: backendModule.reason };
  if (!hasVulkanLoader()) {
    return {
      ok: false,
      reason: "the Vulkan loader libvulkan.so.1 is not installed (Debian/Ubuntu: apt-get install libvulkan1)",
    };
  }
  const vulkan = prepareVulkanEnvironment();
  if (vulkan.driverFiles !== null && vulkan.driverFiles.length === 0) {
    return {
      ok: false,
      reason: "no Vulkan driver is installed (a GPU's driver brings one; chromium brings SwiftShader, a CPU one)",
    };
  }
  // Dawn's GPU* classes must be globals before its objects are used (tfjs checks `instanceof GPUBuffer`, ...).
  Object.assign(globalThis, dawn.module.globals);
  const gpu = dawn.module.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  if (adapter === null) {
    const searched =
      vulkan.driverFiles === null ? "the drivers in VK_ICD_FILENAMES / VK_DRIVER_FILES" : vulkan.driverFiles.join(", ");
    return {
      ok: false,
      reason: `Dawn found no WebGPU adapter (Vulkan drivers: ${searched}); a GPU needs its Vulkan driver and libvulkan1 (\`apt-get install libvulkan1\`)`,
    };
  }
  const description = describeAdapter(adapter.info);
  const { limits } = adapter;
  // tfjs asks for these when it starts itself in a browser; the default 128 MiB binding limit is too small for
  // the tutorial preset's activations, so take what the adapter allows.
  const device = await adapter.requestDevice({
    requiredFeatures: adapter.features.has("timestamp-query") ? ["timestamp-query"] : [],
    requiredLimits: {
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  const { WebGPUBackend } = backendModule.module;
  tf.registerBackend(WEBGPU_BACKEND, () => withNavigatorGpu(gpu, () => new WebGPUBackend(device, adapter.info)));
  return {
    ok: true,
    adapter: description,
    limits: { maxBufferSize: limits.maxBufferSize, maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize },
  };
}

/**
 * Registers tfjs's "webgpu" backend on Dawn (Vulkan on Linux, Metal on macOS, D3D12 on Windows) with the
 * adapter's own buffer limits, and says which adapter it got. The caller activates it with
 * `tf.setBackend("webgpu")`. Read tensors with `data()`: `dataSync()` needs OffscreenCanvas, which Node lacks.
 */
export async function startWebGpuBackend({ allowSoftware }: WebGpuStartOptions): Promise<WebGpuStart> {
  started ??= startDawn().catch((error: unknown) => ({
    ok: false as const,
    reason: `Dawn failed to start: ${String(error)}`,
  }));
  const result = await started;
  if (!result.ok) return result;
  if (result.adapter.software && !allowSoftware) {
    return {
      ok: false,
      adapter: result.adapter,
      reason: `the only WebGPU adapter is ${result.adapter.summary}, which runs on the CPU (no faster than the CPU backends; --backend webgpu forces it)`,
    };
  }
  return result;
}
