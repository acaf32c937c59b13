// Shared Vitest defaults. tfjs kernels are slow on 2 cores, so timeouts are generous; forks isolate
// each file's tfjs engine (global state) from the others.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
