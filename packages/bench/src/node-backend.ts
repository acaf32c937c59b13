import { createRequire } from "node:module";
import * as tf from "@tensorflow/tfjs-core";
import { registerTrainingKernels } from "@ganvas/core";
import { registerOnnxKernels } from "@ganvas/onnx-kernels";
import type { NodeBackend } from "./results";

export type Activation = { ok: true } | { ok: false; reason: string };

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
 * Makes `name` the active backend of this (fresh) process, with core's training kernels on wasm and cpu, and
 * for `onnxruntime` the wasm backend with its convs in onnxruntime-node.
 */
export async function activateBackend(name: NodeBackend): Promise<Activation> {
  tf.env().set("PROD", true); // as an app ships it, and no "install tfjs-node" banner in the progress output
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
