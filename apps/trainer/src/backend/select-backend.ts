import * as tf from "@tensorflow/tfjs-core";
import { registerTrainingKernels } from "@ganvas/core";
import { registerOnnxKernels } from "@ganvas/onnx-kernels";
import { UserError } from "../errors";
import { loadNativeTensorflow } from "./native-tensorflow";

export const BACKEND_CHOICES = [
  "auto",
  "tensorflow-gpu",
  "webgpu",
  "tensorflow",
  "onnxruntime",
  "wasm",
  "cpu",
] as const;
/** `auto`'s order: GPUs first (CUDA, then WebGPU on any vendor's GPU), then the CPU backends, fastest first. */
export const AUTO_ORDER = ["tensorflow-gpu", "webgpu", "tensorflow", "onnxruntime", "wasm", "cpu"] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export type BackendName = Exclude<BackendChoice, "auto">;

export interface SelectedBackend {
  name: BackendName;
  /** Why this backend, and why not the ones before it in the `auto` order. */
  reasons: string[];
  /** The GPU it runs on, where it runs on one (recorded in the manifest). */
  device?: string;
}

type Attempt = { ok: true; note: string; device?: string } | { ok: false; reason: string };

async function tryTensorflow(gpu: boolean): Promise<Attempt> {
  const pkg = gpu ? "@tensorflow/tfjs-node-gpu" : "@tensorflow/tfjs-node";
  // After tfjs-node-gpu fell back to the CPU, its "tensorflow" backend is that CPU build: reuse it rather
  // than load a second native binding under the same backend name.
  const reused = !gpu && tf.findBackendFactory("tensorflow") !== null;
  if (!reused) {
    const loaded = loadNativeTensorflow(pkg);
    if (!loaded.ok) return loaded;
  }
  await tf.setBackend("tensorflow");
  await tf.ready();
  // tfjs-node-gpu quietly runs on the CPU when the CUDA libraries are missing: ask the binding.
  const usingGpu = Boolean((tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice);
  if (gpu && !usingGpu) {
    return {
      ok: false,
      reason: `${pkg} loaded but TensorFlow sees no CUDA GPU (CUDA 11.2 / cuDNN 8.1 libraries missing, or no GPU)`,
    };
  }
  return { ok: true, note: gpu ? `${pkg} with a CUDA GPU` : `${pkg} (native TensorFlow on the CPU)` };
}

async function tryJsBackend(name: "wasm" | "cpu"): Promise<Attempt> {
  if (name === "wasm") await import("@tensorflow/tfjs-backend-wasm");
  else await import("@tensorflow/tfjs-backend-cpu");
  try {
    if (!(await tf.setBackend(name))) return { ok: false, reason: `the ${name} backend failed to initialise` };
  } catch (error) {
    return { ok: false, reason: `the ${name} backend failed to initialise: ${String(error)}` };
  }
  await tf.ready();
  // Neither ships a usable filter gradient for training convs (wasm: none; cpu: a slow one).
  registerTrainingKernels(name);
  return {
    ok: true,
    note: name === "wasm" ? "tfjs wasm (XNNPACK) with Ganvas's training kernels" : "tfjs pure-JS cpu backend (slowest)",
  };
}

/**
 * tfjs's WebGPU backend on Dawn: any vendor's GPU through Vulkan (Metal, D3D12 elsewhere), no CUDA version lock.
 * `auto` passes over a software adapter (SwiftShader, llvmpipe), which is slower than the CPU backends; forcing
 * it (`--backend webgpu`) takes one, as the tests do. Core's fused kernels have no webgpu versions: tfjs's own
 * kernels and core's composed paths serve.
 */
async function tryWebGpu(allowSoftware: boolean): Promise<Attempt> {
  // Imported on demand: it loads Dawn (a 21 MB native addon) only when webgpu is tried.
  const { startWebGpuBackend, WEBGPU_BACKEND } = await import("@ganvas/webgpu-node");
  const started = await startWebGpuBackend({ allowSoftware });
  if (!started.ok) return started;
  try {
    if (!(await tf.setBackend(WEBGPU_BACKEND))) return { ok: false, reason: "the webgpu backend failed to initialise" };
  } catch (error) {
    return { ok: false, reason: `the webgpu backend failed to initialise: ${String(error)}` };
  }
  await tf.ready();
  const kind = started.adapter.software ? "a software adapter, slower than the CPU backends" : "GPU";
  return {
    ok: true,
    device: started.adapter.summary,
    note: `tfjs WebGPU on Dawn, ${kind}: ${started.adapter.summary}`,
  };
}

/**
 * The wasm backend with its convs (forward, transposed and both gradients: most of a DCGAN step) running in
 * onnxruntime-node's native kernels on every core. Everything else stays on wasm.
 */
async function tryOnnxRuntime(): Promise<Attempt> {
  const wasm = await tryJsBackend("wasm");
  if (!wasm.ok) return wasm;
  const registered = registerOnnxKernels("wasm");
  if (!registered.ok) return registered;
  return {
    ok: true,
    note: `tfjs wasm with onnxruntime-node ${registered.runtimeVersion}'s native conv kernels (up to ${registered.threads} threads)`,
  };
}

function attempt(name: BackendName, forced: boolean): Promise<Attempt> {
  switch (name) {
    case "tensorflow-gpu":
      return tryTensorflow(true);
    case "webgpu":
      return tryWebGpu(forced);
    case "tensorflow":
      return tryTensorflow(false);
    case "onnxruntime":
      return tryOnnxRuntime();
    case "wasm":
    case "cpu":
      return tryJsBackend(name);
  }
}

/**
 * Activates a tfjs backend. `auto` walks from the fastest to the most portable and records why each
 * earlier one was passed over, so the user can see what to install for more speed.
 */
export async function selectBackend(choice: BackendChoice): Promise<SelectedBackend> {
  if (choice !== "auto") {
    const result = await attempt(choice, true);
    if (!result.ok) {
      const hint = choice === "tensorflow-gpu" || choice === "tensorflow" ? "" : " Try --backend auto.";
      throw new UserError(`Backend "${choice}" is not available: ${result.reason}.${hint}`);
    }
    return { name: choice, reasons: [`using ${choice}: ${result.note}`], device: result.device };
  }
  const reasons: string[] = [];
  for (const name of AUTO_ORDER) {
    const result = await attempt(name, false);
    if (result.ok) {
      reasons.push(`chose ${name}: ${result.note}`);
      return { name, reasons, device: result.device };
    }
    reasons.push(`skipped ${name}: ${result.reason}`);
  }
  throw new UserError(`No tfjs backend could be started:\n  ${reasons.join("\n  ")}`);
}
