import { createRequire } from "node:module";
import * as tf from "@tensorflow/tfjs-core";
import { registerTrainingKernels } from "@ganvas/core";
import { registerOnnxKernels } from "@ganvas/onnx-kernels";
import type { GpuAdapter, NodeBackend } from "./results";

/** adapter: the WebGPU adapter the webgpu backend runs on (absent for the CPU backends). */
export type Activation = { ok: true; adapter?: GpuAdapter } | { ok: false; reason: string };

const TFJS_NODE = "@tensorflow/tfjs-node";

/** The first line of an error, with absolute paths cut to their file name (they fill a table cell otherwise). */
function firstLine(error: unknown): string {
  const line = (error instanceof Error ? error.message : String(error)).split("\n")[0]?.trim() ?? "";
  return line.replace(/\/\S*\/([^/\s]+)/g, "$1");
}

/**
 * tfjs-node is an optional dependency whose install downloads libtensorflow; where that failed the package
 * is on disk without its native binding and `require` throws. Any failure becomes a reason, never a crash.
 */
function loadTfjsNode(): Activation {
  const require = createRequire(import.meta.url);
  try {
    require(TFJS_NODE);
  } catch (error) {
    return { ok: false, reason: `${TFJS_NODE} did not load: ${firstLine(error)}` };
  }
  return { ok: true };
}

/**
 * tfjs's WebGPU backend on Dawn, on whatever adapter exists: the bench measures a software one (SwiftShader)
 * too, and records which it was so that the report can say so. No adapter is a reason, never a crash.
 */
async function activateWebGpu(): Promise<Activation> {
  // Imported on demand: it loads Dawn (a 21 MB native addon) only in the webgpu rows' processes.
  const { startWebGpuBackend, WEBGPU_BACKEND } = await import("@ganvas/webgpu-node");
  const started = await startWebGpuBackend({ allowSoftware: true });
  if (!started.ok) return { ok: false, reason: started.reason };
  try {
    if (!(await tf.setBackend(WEBGPU_BACKEND))) return { ok: false, reason: "the webgpu backend failed to initialise" };
  } catch (error) {
    return { ok: false, reason: `the webgpu backend failed to initialise: ${firstLine(error)}` };
  }
  const { summary, software, vendor, architecture, description } = started.adapter;
  return { ok: true, adapter: { summary, software, vendor, architecture, description } };
}

/**
 * Makes `name` the active backend of this (fresh) process, with core's training kernels on wasm and cpu, and
 * for `onnxruntime` the wasm backend with its convs in onnxruntime-node.
 */
export async function activateBackend(name: NodeBackend): Promise<Activation> {
  tf.env().set("PROD", true); // as an app ships it, and no "install tfjs-node" banner in the progress output
  if (name === "webgpu") return activateWebGpu();
  const tfjsName = name === "onnxruntime" ? "wasm" : name;
  if (name === "tensorflow") {
    const loaded = loadTfjsNode();
    if (!loaded.ok) return loaded;
  } else if (name === "wasm" || name === "onnxruntime") {
    await import("@tensorflow/tfjs-backend-wasm");
  } else {
    await import("@tensorflow/tfjs-backend-cpu");
  }
  try {
    if (!(await tf.setBackend(tfjsName))) return { ok: false, reason: `the ${tfjsName} backend failed to initialise` };
  } catch (error) {
    return { ok: false, reason: `the ${tfjsName} backend failed to initialise: ${firstLine(error)}` };
  }
  if (tfjsName !== "tensorflow") registerTrainingKernels(tfjsName);
  if (name === "onnxruntime") {
    const registered = registerOnnxKernels("wasm");
    if (!registered.ok) return registered;
  }
  return { ok: true };
}
