// Which tfjs backend trains in the worker: WebGPU on a hardware adapter, else wasm with core's kernels,
// threaded where the page is cross-origin isolated (SharedArrayBuffer), single-threaded SIMD otherwise.
// No WebGL: core's training kernels do not cover it, and behind a software GPU it lost to wasm 8 times over.
import type * as TfCore from "@tensorflow/tfjs-core";
import { describeAdapter, isSoftwareAdapter, probeWebgpuAdapter } from "@/lib/webgpu-adapter";
import { wasmPaths } from "@/lib/wasm-path";
import { useEveryCore } from "@/lib/wasm-threads";

export const TRAINING_BACKENDS = ["webgpu", "wasm"] as const;
export type BackendName = (typeof TRAINING_BACKENDS)[number];

export function parseTrainingBackend(value: string | null | undefined): BackendName | null {
  return TRAINING_BACKENDS.find((backend) => backend === value) ?? null;
}

/** The backend that runs, what exactly runs (threads), and why it was chosen. */
export type TrainingBackend = { backend: BackendName; detail: string; reason: string };

async function chooseBackend(forced: BackendName | null): Promise<{ backend: BackendName; reason: string }> {
  if (forced) return { backend: forced, reason: `forced by ?backend=${forced}` };
  const webgpu = await probeWebgpuAdapter();
  if (webgpu.status === "ready" && !isSoftwareAdapter(webgpu.info)) {
    return { backend: "webgpu", reason: `a hardware GPU: ${describeAdapter(webgpu.info)}` };
  }
  const whyNot =
    webgpu.status === "ready" ? `the WebGPU adapter is software (${describeAdapter(webgpu.info)})` : webgpu.reason;
  return { backend: "wasm", reason: `${whyNot}, so the CPU trains` };
}

async function startWasm(tf: typeof TfCore): Promise<string> {
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  wasm.setWasmPaths(wasmPaths());
  const threaded = await useEveryCore(tf, wasm);
  if (!(await tf.setBackend("wasm"))) throw new Error("The wasm backend could not start in this browser.");
  await tf.ready();
  const threads = wasm.getThreadsCount();
  if (threaded) return `threaded SIMD build, ${threads} thread${threads === 1 ? "" : "s"}, with core's kernels`;
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const why = isolated ? "" : ": the page is not cross-origin isolated, so no SharedArrayBuffer";
  return `single-threaded ${simd ? "SIMD" : "plain"} build${why}`;
}

/** Starts the chosen backend; an automatic WebGPU choice falls back to wasm when it fails to start. */
export async function startTrainingBackend(tf: typeof TfCore, forced: BackendName | null): Promise<TrainingBackend> {
  const choice = await chooseBackend(forced);
  if (choice.backend === "webgpu") {
    try {
      await import("@tensorflow/tfjs-backend-webgpu");
      if (!(await tf.setBackend("webgpu"))) throw new Error("setBackend refused it");
      await tf.ready();
      return { ...choice, backend: "webgpu", detail: "GPU" };
    } catch (error) {
      if (forced) throw new Error(`WebGPU could not start: ${(error as Error).message}`, { cause: error });
      const detail = await startWasm(tf);
      return { backend: "wasm", detail, reason: `WebGPU failed to start (${(error as Error).message})` };
    }
  }
  return { ...choice, backend: "wasm", detail: await startWasm(tf) };
}
