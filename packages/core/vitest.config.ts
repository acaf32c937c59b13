import { defineConfig, mergeConfig } from "vitest/config";
import base from "@ganvas/vitest-config";

// The whole suite runs twice, once per tfjs backend the core supports in Node: the pure-JS 'cpu' and 'wasm'.
const backendProject = (backend: "cpu" | "wasm") => ({
  extends: true as const,
  test: {
    name: backend,
    env: { GANVAS_TEST_BACKEND: backend },
    setupFiles: ["src/test-support/setup-backend.ts"],
  },
});

export default mergeConfig(base, defineConfig({ test: { projects: [backendProject("cpu"), backendProject("wasm")] } }));
