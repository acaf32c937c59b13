import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import wabt from "wabt";

export const WAT_PATH = fileURLToPath(new URL("../src/kernels/simd/training-kernels.wat", import.meta.url));
export const EMBEDDED_PATH = fileURLToPath(new URL("../src/kernels/simd/training-kernels.wasm.ts", import.meta.url));

/**
 * The memory the module imports: the wasm backend's plain memory, or the shared memory of its threaded build
 * (cross-origin isolated pages), which only a module declaring a shared import may use.
 */
export type MemoryKind = "plain" | "shared";

const PLAIN_IMPORT = '(import "env" "memory" (memory 1))';
/** Shared memories must declare a maximum: 65536 pages, all of wasm32, admits whatever maximum the backend set. */
const SHARED_IMPORT = '(import "env" "memory" (memory 1 65536 shared))';

/** The .wat source as a wasm binary (SIMD enabled), importing the given kind of memory, validated by wabt. */
export async function compileTrainingKernels(memory: MemoryKind = "plain"): Promise<Uint8Array> {
  const tools = await wabt();
  const source = readFileSync(WAT_PATH, "utf8");
  if (!source.includes(PLAIN_IMPORT)) throw new Error(`${WAT_PATH} no longer imports ${PLAIN_IMPORT}.`);
  const text = memory === "shared" ? source.replace(PLAIN_IMPORT, SHARED_IMPORT) : source;
  const features = { simd: true, bulk_memory: true, threads: true };
  const module = tools.parseWat(WAT_PATH, text, features);
  try {
    // validate() checks against its own feature set (threads off: no shared memory); wabt's typings omit it.
    (module.validate.bind(module) as (options: typeof features) => void)(features);
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
