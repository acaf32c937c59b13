import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assembleFigures } from "../src/device/figures";

let work: string;
let kit: string;
const write = (path: string, text: string) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "gpu-kit-figures-"));
  kit = join(work, "kit");
  const stages = join(work, "stages");
  write(join(kit, "kit.json"), JSON.stringify({ builtAt: "2026-01-01T00:00:00.000Z", files: [{ path: "run.sh" }] }));
  write(join(stages, "stages.tsv"), "gpu-check\tok\t0\t12\t\nstep-fast\ttimeout\t124\t60\tstopped at its 60s limit\n");
  write(
    join(stages, "environment.txt"),
    "torchCuda=True\ntorchCudaNote=python3 says: True 2.11.0\nkernel=Linux 6 x86_64\n",
  );
  write(
    join(stages, "step-tutorial.json"),
    JSON.stringify({ ok: true, preset: "tutorial", medianMs: 120, imagesPerSecond: 1066 }),
  );
  write(
    join(stages, "pytorch-tutorial.json"),
    JSON.stringify({ medianMs: 40, torchVersion: "2.11.0", deviceName: "NVIDIA H200" }),
  );
  write(join(stages, "gpu-check.json"), JSON.stringify({ ok: false, error: "no WebGPU adapter" }));
  const version = join(work, "registry", "models", "gpu-kit-tutorial", "versions", "1");
  write(
    join(version, "manifest.json"),
    JSON.stringify({
      name: "gpu-kit-tutorial",
      version: 1,
      dataset: { name: "mnist-embedded", count: 8995, contentHash: "abc" },
      training: {
        preset: "tutorial",
        epochs: 10,
        steps: 50,
        batchSize: 128,
        backend: "webgpu",
        device: "nvidia hopper",
        wallTimeSeconds: 10,
      },
      metrics: { finalDLoss: 0.5, finalGLoss: 2 },
    }),
  );
  write(
    join(work, "registry", "runs", "gpu-kit-tutorial-20260101-000000-1", "losses.json"),
    JSON.stringify([{ step: 1, dLoss: 0.712345, gLoss: 0.7, dReal: 0.5, dFake: 0.5 }]),
  );
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe("assembleFigures", () => {
  it("gathers the stages' outputs, and says why each missing one is missing", () => {
    const figures = assembleFigures(work, kit, ["run.log", "figures.json"]);
    expect(figures.sideBySide).toEqual([
      { preset: "tutorial", webgpuMs: 120, pytorchCudaMs: 40, webgpuOverPytorchCuda: 3, gpu: "NVIDIA H200" },
    ]);
    expect(figures.training.tutorial).toMatchObject({
      ok: true,
      model: "gpu-kit-tutorial@1",
      meanStepMs: 200,
      imagesPerSecond: 640,
      losses: [[1, 0.7123, 0.7]],
    });
    expect(figures.training.fast).toMatchObject({ ok: false });
    expect(figures.stepTime.fast).toMatchObject({ ok: false, error: expect.stringContaining("step-fast.json") });
    expect(figures.checks).toEqual({ passed: false, error: "no WebGPU adapter" });
    expect(figures.data).toMatchObject({ name: "mnist-embedded", contentHash: "abc" });
    expect(figures.stages[1]).toEqual({
      name: "step-fast",
      status: "timeout",
      exitCode: 124,
      seconds: 60,
      note: "stopped at its 60s limit",
    });
    expect(figures.kit).toEqual({ builtAt: "2026-01-01T00:00:00.000Z" });
    expect(figures.files).toEqual(["run.log", "figures.json"]);
  });
});
