import { describe, expect, it } from "vitest";
import { compileTrainingKernels } from "../../../scripts/compile-simd";
import { TRAINING_KERNELS_WASM_BASE64 } from "./training-kernels.wasm";

describe("the embedded SIMD kernels", () => {
  it("are the binary of training-kernels.wat as it stands (else: pnpm --filter @ganvas/core build:simd)", async () => {
    const compiled = await compileTrainingKernels();
    expect(Buffer.from(TRAINING_KERNELS_WASM_BASE64, "base64").equals(Buffer.from(compiled))).toBe(true);
  });
});
