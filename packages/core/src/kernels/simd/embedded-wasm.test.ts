import { describe, expect, it } from "vitest";
import { compileTrainingKernels } from "../../../scripts/compile-simd";
import { TRAINING_KERNELS_SHARED_WASM_BASE64, TRAINING_KERNELS_WASM_BASE64 } from "./training-kernels.wasm";

describe("the embedded SIMD kernels", () => {
  it.each([
    ["plain", TRAINING_KERNELS_WASM_BASE64],
    ["shared", TRAINING_KERNELS_SHARED_WASM_BASE64],
  ] as const)(
    "are the binary of training-kernels.wat as it stands, importing a %s memory (else: pnpm --filter @ganvas/core build:simd)",
    async (memory, embedded) => {
      const compiled = await compileTrainingKernels(memory);
      expect(Buffer.from(embedded, "base64").equals(Buffer.from(compiled))).toBe(true);
    },
  );
});
