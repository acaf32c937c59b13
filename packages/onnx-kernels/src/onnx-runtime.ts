import { createRequire } from "node:module";
import type { InferenceSession, Tensor as OrtTensor, TensorConstructor } from "onnxruntime-common";

/**
 * onnxruntime-node's synchronous session, one level below its public Promise-based API. tfjs kernels must
 * return synchronously, and the public `run` only wraps this call in `setImmediate`.
 */
export interface SyncSession {
  run(
    feeds: Record<string, OrtTensor>,
    fetches: Record<string, OrtTensor | null>,
    options: object,
  ): Record<string, OrtTensor>;
  dispose(): void;
}

export interface OnnxRuntime {
  version: string;
  createSession(model: Uint8Array, options: InferenceSession.SessionOptions): SyncSession;
  Tensor: TensorConstructor;
}

export type RuntimeLoad = { ok: true; runtime: OnnxRuntime } | { ok: false; reason: string };

type BindingModule = {
  binding: {
    InferenceSession: new () => SyncSession & {
      loadModel(buffer: ArrayBufferLike, offset: number, length: number, options: object): void;
    };
  };
  initOrt: () => void;
};

const PACKAGE = "onnxruntime-node";

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]?.trim() ?? "";
}

const cache = new Map<string, RuntimeLoad>();

/**
 * Loads onnxruntime-node's CPU build once. It is an optional dependency: any failure (not installed, no
 * binary for this platform, a library that will not load) becomes a reason to print, never a crash.
 * `packageName` exists for the tests of that failure path.
 */
export function loadOnnxRuntime(packageName = PACKAGE): RuntimeLoad {
  let load = cache.get(packageName);
  if (load === undefined) {
    load = tryLoad(packageName);
    cache.set(packageName, load);
  }
  return load;
}

/**
 * onnxruntime-node ships Microsoft's 1DS telemetry, on by default on Linux and macOS: every process that creates
 * a session writes /tmp/mat-debug-<pid>.log and an event cache under ~/.cache/Microsoft to upload later. Off
 * unless the user set ORT_DISABLE_TELEMETRY themselves (0 opts in); it must be set before the runtime loads.
 */
function disableTelemetryUnlessChosen(): void {
  process.env.ORT_DISABLE_TELEMETRY ||= "1";
}

function tryLoad(packageName: string): RuntimeLoad {
  const require = createRequire(import.meta.url);
  disableTelemetryUnlessChosen();
  try {
    const { binding, initOrt } = require(`${packageName}/dist/binding.js`) as BindingModule;
    const { Tensor } = require("onnxruntime-common") as { Tensor: TensorConstructor };
    const { version } = require(`${packageName}/package.json`) as { version: string };
    initOrt();
    return {
      ok: true,
      runtime: {
        version,
        Tensor,
        createSession(model, options) {
          const session = new binding.InferenceSession();
          session.loadModel(model.buffer, model.byteOffset, model.byteLength, options);
          return session;
        },
      },
    };
  } catch (error) {
    return { ok: false, reason: `${packageName} did not load: ${firstLine(error)} (install it with: pnpm install)` };
  }
}
