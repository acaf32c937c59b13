/** Where scripts/copy-wasm.mjs puts tfjs's wasm files (public/tfjs-wasm/): the sampler and the trainer load them. */
export const WASM_PATH = "/tfjs-wasm/";

/** The unminified factory of the threaded build, which its pthreads load (see the patch in pnpm-workspace.yaml). */
export const THREADED_SCRIPT = "tfjs-backend-wasm-threaded-simd.js";
const BINARIES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];

/**
 * setWasmPaths' map: each binary under WASM_PATH, plus the threaded build's own script. Next.js minifies the
 * bundled copy of that script, whose text then fails in the pthreads (`r is not defined`) and the backend
 * never starts: the hang once seen after bundling. Absolute URLs: the pthreads run from blob: URLs, against
 * which a path like /tfjs-wasm/ does not resolve.
 */
export function wasmPaths(): Record<string, string> {
  const url = (file: string) => new URL(`${WASM_PATH}${file}`, globalThis.location.href).href;
  return Object.fromEntries([...BINARIES, THREADED_SCRIPT].map((file) => [file, url(file)]));
}
