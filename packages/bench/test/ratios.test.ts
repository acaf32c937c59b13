import { describe, expect, it } from "vitest";
import { fastestBackends, medianRatio, sideBySideRound, tfjsOverPytorch } from "../src/ratios";
import type { PytorchRow, TrainingRow } from "../src/results";

const timing = (medianMs: number) => ({
  status: "ok" as const,
  medianMs,
  minMs: medianMs,
  maxMs: medianMs,
  samplesMs: [medianMs],
});
const torch = { torchVersion: "1.13", threads: 1, blas: "openblas" };

describe("tfjsOverPytorch", () => {
  it("divides the fastest measured tfjs backend by PyTorch, per preset", () => {
    const training: TrainingRow[] = [
      { backend: "cpu", preset: "fast", batchSize: 64, warmup: 2, ...timing(5000) },
      { backend: "wasm", preset: "fast", batchSize: 64, warmup: 2, ...timing(600) },
      { backend: "tensorflow", preset: "fast", batchSize: 64, warmup: 2, status: "unavailable", reason: "no binding" },
      { backend: "wasm", preset: "tutorial", batchSize: 128, warmup: 1, ...timing(40_000) },
    ];
    const pytorch: PytorchRow[] = [
      { preset: "fast", batchSize: 64, warmup: 2, ...timing(200), ...torch },
      { preset: "tutorial", batchSize: 128, warmup: 1, ...timing(8_000), ...torch },
      { preset: "tutorial", batchSize: 128, warmup: 1, ...timing(5_000), ...torch, threads: 2 },
    ];
    expect(tfjsOverPytorch(training, pytorch)).toEqual([
      { preset: "fast", tfjsBackend: "wasm", tfjsMs: 600, pytorchThreads: 1, pytorchMs: 200, ratio: 3 },
      { preset: "tutorial", tfjsBackend: "wasm", tfjsMs: 40_000, pytorchThreads: 1, pytorchMs: 8_000, ratio: 5 },
      { preset: "tutorial", tfjsBackend: "wasm", tfjsMs: 40_000, pytorchThreads: 2, pytorchMs: 5_000, ratio: 8 },
    ]);
  });

  it("leaves webgpu out: the PyTorch reference runs on the CPU", () => {
    const training: TrainingRow[] = [
      {
        backend: "webgpu",
        preset: "fast",
        batchSize: 64,
        warmup: 1,
        ...timing(20),
        adapter: {
          summary: "nvidia hopper (NVIDIA H200)",
          software: false,
          vendor: "nvidia",
          architecture: "hopper",
          description: "NVIDIA H200",
        },
      },
      { backend: "onnxruntime", preset: "fast", batchSize: 64, warmup: 4, ...timing(60) },
    ];
    const pytorch: PytorchRow[] = [{ preset: "fast", batchSize: 64, warmup: 2, ...timing(100), ...torch }];
    expect(tfjsOverPytorch(training, pytorch)).toEqual([
      { preset: "fast", tfjsBackend: "onnxruntime", tfjsMs: 60, pytorchThreads: 1, pytorchMs: 100, ratio: 0.6 },
    ]);
    expect(fastestBackends(training)).toEqual(new Map([["fast", "onnxruntime"]]));
    expect(fastestBackends(training.slice(0, 1))).toEqual(new Map());
  });

  it("gives no ratio where either side was not measured", () => {
    const training: TrainingRow[] = [
      { backend: "cpu", preset: "tutorial", batchSize: 128, warmup: 1, status: "skipped", reason: "quick" },
    ];
    const pytorch: PytorchRow[] = [
      { preset: "tutorial", batchSize: 128, warmup: 1, ...timing(8_000), ...torch },
      { preset: "fast", batchSize: 64, warmup: 2, threads: 1, status: "unavailable", reason: "no torch" },
    ];
    expect(tfjsOverPytorch(training, pytorch)).toEqual([]);
  });
});

describe("side-by-side rounds", () => {
  it("pits the fastest measured backend of each preset against PyTorch", () => {
    const training: TrainingRow[] = [
      { backend: "wasm", preset: "fast", batchSize: 64, warmup: 2, ...timing(600) },
      { backend: "onnxruntime", preset: "fast", batchSize: 64, warmup: 2, ...timing(150) },
      { backend: "onnxruntime", preset: "tutorial", batchSize: 128, warmup: 1, status: "failed", reason: "timeout" },
      { backend: "wasm", preset: "tutorial", batchSize: 128, warmup: 1, ...timing(30_000) },
    ];
    expect(fastestBackends(training)).toEqual(
      new Map([
        ["fast", "onnxruntime"],
        ["tutorial", "wasm"],
      ]),
    );
  });

  it("takes the median of the rounds' ratios, not the ratio of medians", () => {
    const rounds = [sideBySideRound(100, 200), sideBySideRound(300, 200), sideBySideRound(150, 100)];
    expect(rounds.map((r) => r.ratio)).toEqual([0.5, 1.5, 1.5]);
    expect(medianRatio(rounds)).toBe(1.5);
    expect(medianRatio([sideBySideRound(90, 100), sideBySideRound(120, 100)])).toBeCloseTo(1.05);
  });
});
