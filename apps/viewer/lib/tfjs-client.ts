// Browser-only tfjs setup: picks and starts a backend, then loads a generator over HTTP. Every tfjs and
// @ganvas/core module is imported lazily here, so server bundles (and SSR of client components) never load them.
import type * as TfCore from "@tensorflow/tfjs-core";
import type * as TfLayers from "@tensorflow/tfjs-layers";
import type * as CoreLatent from "@ganvas/core/latent";
import { chooseBackend } from "@/lib/backend-choice";
import type { BackendChoice, BackendName } from "@/lib/backend-choice";
import { checkedFetch } from "@/lib/checked-fetch";
import { GeneratorSession } from "@/lib/generator-session";
import { wasmPaths } from "@/lib/wasm-path";
import { useEveryCore } from "@/lib/wasm-threads";

async function startBackend(tf: typeof TfCore, backend: BackendName): Promise<void> {
  if (backend === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    wasm.setWasmPaths(wasmPaths());
    // Threaded SIMD where the page is cross-origin isolated (next.config.ts sends the headers), else one thread.
    await useEveryCore(tf, wasm);
  } else if (backend === "webgpu") {
    // Registers itself on import, as long as navigator.gpu exists (chooseBackend has checked that).
    await import("@tensorflow/tfjs-backend-webgpu");
  } else {
    await import("@tensorflow/tfjs-backend-webgl");
  }
  if (!(await tf.setBackend(backend))) {
    throw new Error(`The ${backend} backend could not start in this browser.`);
  }
  await tf.ready();
  // Core's composed Conv2DBackpropInput runs the generator's transposed convs through wasm's XNNPACK conv
  // instead of its plain loop; a no-op on the GPU backends.
  const { registerTrainingKernels } = await import("@ganvas/core/kernels");
  registerTrainingKernels(backend);
}

/** Starts the chosen backend; an automatic GPU choice (WebGPU or WebGL) falls back to wasm when it fails to start. */
async function startChosenBackend(tf: typeof TfCore, forced: BackendName | null): Promise<BackendChoice> {
  const choice = await chooseBackend(forced);
  try {
    await startBackend(tf, choice.backend);
    return choice;
  } catch (error) {
    if (forced || choice.backend === "wasm") throw error;
    await startBackend(tf, "wasm");
    return { backend: "wasm", reason: `${choice.backend} failed to start (${(error as Error).message})` };
  }
}

type TfjsModules = [typeof TfCore, typeof TfLayers, typeof CoreLatent];
let modules: Promise<TfjsModules> | null = null;

/** The tfjs modules, imported once; a failed import is retried by the next caller. */
function tfjsModules(): Promise<TfjsModules> {
  modules ??= Promise.all([
    import("@tensorflow/tfjs-core"),
    import("@tensorflow/tfjs-layers"),
    // Only core's browser entry: sampling needs no models, training or kernels (nor their embedded wasm).
    import("@ganvas/core/latent"),
  ]).catch((error: unknown) => {
    modules = null;
    throw error;
  });
  return modules;
}

/**
 * Starts downloading and evaluating tfjs. The version page calls it as soon as its client code runs, so the
 * download overlaps React's hydration instead of waiting for the first effect.
 */
export function preloadTfjs(): void {
  tfjsModules().catch(() => undefined); // loadGenerator reports the failure
}

let started: { forced: BackendName | null; choice: Promise<BackendChoice> } | null = null;

/**
 * The backend, started once per forced choice: tfjs has one global backend, and a page that loads two
 * generators (compare) must not start it twice at once. A failed start is retried by the next caller.
 */
function startBackendOnce(tf: typeof TfCore, forced: BackendName | null): Promise<BackendChoice> {
  if (started?.forced !== forced) {
    const choice = startChosenBackend(tf, forced).catch((error: unknown) => {
      started = null;
      throw error;
    });
    started = { forced, choice };
  }
  return started.choice;
}

export type LoadOptions = {
  modelUrl: string;
  zDim: number;
  /** The manifest's model.numClasses: a conditional generator takes z followed by a one-hot class. */
  numClasses: number | null;
  forcedBackend: BackendName | null;
};

export async function loadGenerator({
  modelUrl,
  zDim,
  numClasses,
  forcedBackend,
}: LoadOptions): Promise<GeneratorSession> {
  const [tf, layers, core] = await tfjsModules();
  const backend = await startBackendOnce(tf, forcedBackend);
  // tfjs only fetches absolute http(s) URLs; weight files resolve relative to model.json.
  const model = await layers.loadLayersModel(new URL(modelUrl, window.location.href).href, { fetchFunc: checkedFetch });
  const inputSize = model.inputs[0]?.shape[1];
  const expected = zDim + (numClasses ?? 0);
  if (inputSize !== expected) {
    model.dispose();
    const manifestSays = numClasses === null ? `zDim = ${zDim}` : `zDim ${zDim} + ${numClasses} classes = ${expected}`;
    throw new Error(`model.json expects inputs of size ${String(inputSize)}, but the manifest says ${manifestSays}.`);
  }
  return new GeneratorSession(tf, core, model, zDim, numClasses, backend);
}
