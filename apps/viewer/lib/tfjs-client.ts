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

async function startBackend(tf: typeof TfCore, backend: BackendName): Promise<void> {
  if (backend === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // Threaded SIMD where the page is cross-origin isolated (next.config.ts sends the headers), else one thread.
    wasm.setWasmPaths(wasmPaths());
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

export type LoadOptions = { modelUrl: string; zDim: number; forcedBackend: BackendName | null };

export async function loadGenerator({ modelUrl, zDim, forcedBackend }: LoadOptions): Promise<GeneratorSession> {
  const [tf, layers, core] = await tfjsModules();
  const backend = await startChosenBackend(tf, forcedBackend);
  // tfjs only fetches absolute http(s) URLs; weight files resolve relative to model.json.
  const model = await layers.loadLayersModel(new URL(modelUrl, window.location.href).href, { fetchFunc: checkedFetch });
  const inputSize = model.inputs[0]?.shape[1];
  if (inputSize !== zDim) {
    model.dispose();
    throw new Error(`model.json expects latents of size ${String(inputSize)}, but the manifest says zDim = ${zDim}.`);
  }
  return new GeneratorSession(tf, core, model, zDim, backend);
}
