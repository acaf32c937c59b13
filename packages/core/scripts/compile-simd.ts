import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import wabt from "wabt";

export const WAT_PATH = fileURLToPath(new URL("../src/kernels/simd/training-kernels.wat", import.meta.url));
export const EMBEDDED_PATH = fileURLToPath(new URL("../src/kernels/simd/training-kernels.wasm.ts", import.meta.url));

/** The .wat source as a wasm binary (SIMD enabled), validated by wabt. */
export async function compileTrainingKernels(): Promise<Uint8Array> {
  const tools = await wabt();
  const module = tools.parseWat(WAT_PATH, readFileSync(WAT_PATH, "utf8"), { simd: true, bulk_memory: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
