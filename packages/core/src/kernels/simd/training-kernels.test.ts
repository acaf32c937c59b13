import { describe, expect, it } from "vitest";
import type { TrainingKernelExports } from "./training-kernels";
import { TRAINING_KERNELS_SHARED_WASM_BASE64, TRAINING_KERNELS_WASM_BASE64 } from "./training-kernels.wasm";

/** How many parameters training-kernels.ts gives each export (tsc checks these numbers against the type). */
const DECLARED_ARITY: { [K in keyof TrainingKernelExports]: Parameters<TrainingKernelExports[K]>["length"] } = {
  batch_norm_forward: 17,
  batch_norm_backward: 12,
  bias_activation_forward: 7,
  bias_activation_backward: 8,
  adam: 15,
};

// Core's tsconfig declares no WebAssembly globals (lib.dom and @types/node do): the parts used here.
type WebAssemblyApi = {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: Record<string, (...args: number[]) => void> }>;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => object;
};
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

describe("the SIMD module's typed exports", () => {
  it("are the module's exports, each with the parameter count training-kernels.wat gives it", async () => {
    const module = await wasm.compile(Buffer.from(TRAINING_KERNELS_WASM_BASE64, "base64"));
    const { exports } = await wasm.instantiate(module, { env: { memory: new wasm.Memory({ initial: 1 }) } });
    // An exported WebAssembly function's length is its parameter count.
    const arity = Object.fromEntries(Object.entries(exports).map(([name, f]) => [name, f.length]));
    expect(arity).toEqual(DECLARED_ARITY);
  });
});

describe("the shared-memory build of the SIMD module", () => {
  const sharedMemory = () => new wasm.Memory({ initial: 1, maximum: 16, shared: true });

  it("runs on a shared memory (tfjs's threaded wasm build), with the same exports", async () => {
    const module = await wasm.compile(Buffer.from(TRAINING_KERNELS_SHARED_WASM_BASE64, "base64"));
    const { exports } = await wasm.instantiate(module, { env: { memory: sharedMemory() } });
    const arity = Object.fromEntries(Object.entries(exports).map(([name, f]) => [name, f.length]));
    expect(arity).toEqual(DECLARED_ARITY);
  });

  it("is needed: the plain build refuses a shared memory", async () => {
    const module = await wasm.compile(Buffer.from(TRAINING_KERNELS_WASM_BASE64, "base64"));
    await expect(wasm.instantiate(module, { env: { memory: sharedMemory() } })).rejects.toThrow();
  });
});
