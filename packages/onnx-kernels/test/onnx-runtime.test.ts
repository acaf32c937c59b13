import { describe, expect, it } from "vitest";
import { loadOnnxRuntime } from "../src/onnx-runtime";

describe("loading onnxruntime-node", () => {
  it("loads the CPU build that ships inside the npm package", () => {
    const load = loadOnnxRuntime();
    if (!load.ok) throw new Error(load.reason);
    expect(load.runtime.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("turns a missing package into a reason that says what to install, not a crash", () => {
    const load = loadOnnxRuntime("onnxruntime-node-not-installed");
    expect(load.ok).toBe(false);
    if (load.ok) return;
    expect(load.reason).toContain("onnxruntime-node-not-installed did not load");
    expect(load.reason).toContain("pnpm install");
  });
});
