import { defineConfig, mergeConfig } from "vitest/config";
import base from "@ganvas/vitest-config";

// The suite runs twice, on the 'cpu' and the 'wasm' backend, set up by core's own test setup (the backend
// its project names, with core's training kernels registered: wasm has no conv filter gradient without them).
const backendProject = (backend: "cpu" | "wasm") => ({
  extends: true as const,
  test: {
    name: backend,
    env: { GANVAS_TEST_BACKEND: backend },
    setupFiles: ["@ganvas/core/test-support/setup-backend"],
  },
});

export default mergeConfig(base, defineConfig({ test: { projects: [backendProject("cpu"), backendProject("wasm")] } }));
