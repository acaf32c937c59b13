import { describe, expect, it } from "vitest";
import { formatReport } from "../src/report-table";
import type { BenchResults } from "../src/results";

const timing = (medianMs: number) => ({
  status: "ok" as const,
  medianMs,
  minMs: medianMs - 10,
  maxMs: medianMs + 10,
  samplesMs: [medianMs],
});
const swiftShader = {
  summary: "google swiftshader (SwiftShader driver 5.0.0)",
  software: true,
  vendor: "google",
  architecture: "swiftshader",
  description: "SwiftShader driver 5.0.0",
};

const results: BenchResults = {
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: "2026-01-01T00:05:00.000Z",
  mode: "quick",
  presets: {
    fast: {
      config: { imageSize: 32, channels: 1, zDim: 100, generatorWidth: 16, discriminatorWidth: 16 },
      batchSize: 64,
    },
  },
  machine: {
    cpuModel: "Test CPU",
    cpus: 2,
    node: "v20.0.0",
    platform: "linux-x64",
    gitCommit: "0123456789abcdef",
    loadAverageAtStart: 0.1,
  },
  training: [
    { backend: "wasm", preset: "fast", batchSize: 64, warmup: 2, ...timing(2500) },
    {
      backend: "tensorflow",
      preset: "fast",
      batchSize: 64,
      warmup: 2,
      status: "unavailable",
      reason: "tfjs-node did not load",
    },
    { backend: "webgpu", preset: "fast", batchSize: 64, warmup: 1, ...timing(55_000), adapter: swiftShader },
    {
      backend: "webgpu",
      preset: "tutorial",
      batchSize: 128,
      warmup: 1,
      status: "skipped",
      reason: "a software WebGPU adapter is too slow",
      adapter: swiftShader,
    },
  ],
  generation: [
    { backend: "wasm", preset: "fast", batchSize: 64, ...timing(128), imagesPerSecond: 500 },
    { backend: "webgpu", preset: "fast", batchSize: 64, ...timing(4000), imagesPerSecond: 16, adapter: swiftShader },
  ],
  browser: {
    chromium: "/usr/bin/chromium 1.2.3",
    rows: [
      { backend: "wasm", preset: "fast", images: 1, ...timing(9) },
      { backend: "wasm", preset: "fast", images: 64, ...timing(300) },
      { backend: "webgl", preset: "fast", images: 1, status: "failed", reason: "no WebGL" },
    ],
  },
  pytorch: [
    {
      preset: "fast",
      batchSize: 64,
      warmup: 2,
      ...timing(250),
      torchVersion: "1.13.1",
      threads: 1,
      blas: "openblas-pthread/libblas.so.3",
    },
  ],
  ratios: [{ preset: "fast", tfjsBackend: "wasm", tfjsMs: 2500, pytorchThreads: 1, pytorchMs: 250, ratio: 10 }],
  sideBySide: [
    {
      preset: "fast",
      tfjsBackend: "wasm",
      pytorchThreads: 1,
      steps: 8,
      status: "ok",
      rounds: [
        { tfjsMs: 120, pytorchMs: 100, ratio: 1.2 },
        { tfjsMs: 90, pytorchMs: 100, ratio: 0.9 },
      ],
      medianRatio: 1.05,
    },
    {
      preset: "tutorial",
      tfjsBackend: "wasm",
      pytorchThreads: 1,
      steps: 2,
      status: "failed",
      reason: "PyTorch: exited with code 1",
    },
  ],
  notes: ["Quick mode."],
};

describe("formatReport", () => {
  const report = formatReport(results);

  it("prints each measured row with its median and spread, and says why the others did not run", () => {
    expect(report).toMatch(/\| wasm +\| fast +\| 64 +\| 2 \+ 1 +\| 2,500 +\| 2,490 to 2,510 +\|/);
    expect(report).toContain("unavailable: tfjs-node did not load");
  });

  it("names the WebGPU adapter once, says a software one measures the CPU, and marks its rows", () => {
    expect(report.match(/WebGPU adapter: /g)).toHaveLength(1);
    expect(report).toContain(
      "WebGPU adapter: google swiftshader (SwiftShader driver 5.0.0), software: it runs WebGPU on the CPU",
    );
    expect(report).toMatch(
      /\| webgpu +\| fast +\| 64 +\| 1 \+ 1 +\| 55,000 +\| 54,990 to 55,010 +\| software adapter +\|/,
    );
    expect(report).toMatch(/\| webgpu +\| fast +\| 64 +\| 4,000 +\| 16\.0 +\| software adapter +\|/);
    expect(report).toContain("skipped: a software WebGPU adapter is too slow");
  });

  it("names a hardware adapter in its rows' note", () => {
    const h200 = {
      summary: "nvidia hopper (NVIDIA H200)",
      software: false,
      vendor: "nvidia",
      architecture: "hopper",
      description: "NVIDIA H200",
    };
    const onGpu = formatReport({
      ...results,
      training: [{ backend: "webgpu", preset: "fast", batchSize: 64, warmup: 1, ...timing(20), adapter: h200 }],
      generation: [],
    });
    expect(onGpu).toContain("WebGPU adapter: nvidia hopper (NVIDIA H200) (hardware).");
    expect(onGpu).toMatch(
      /\| webgpu +\| fast +\| 64 +\| 1 \+ 1 +\| 20 +\| 10 to 30 +\| nvidia hopper \(NVIDIA H200\) +\|/,
    );
  });

  it("says nothing about WebGPU when no row ran on it", () => {
    const cpuOnly = formatReport({
      ...results,
      training: results.training.slice(0, 2),
      generation: results.generation.slice(0, 1),
    });
    expect(cpuOnly).not.toContain("WebGPU adapter");
  });

  it("pivots browser latency by image count, marking the calls that failed", () => {
    expect(report).toMatch(/\| backend \| preset \| 1 image \| 64 images \|/);
    expect(report).toMatch(/\| wasm +\| fast +\| 9 +\| 300 +\|/);
    expect(report).toMatch(/\| webgl +\| fast +\| failed +\| — +\|/);
  });

  it("states the PyTorch setup and the tfjs / PyTorch ratio", () => {
    expect(report).toContain("torch 1.13.1, 1 thread, OpenBLAS");
    expect(report).toMatch(/\| fast +\| wasm +\| 2,500 +\| 1 +\| 250 +\| 10\.00x +\|/);
  });

  it("lists every side-by-side round and the median ratio, or why the rounds did not finish", () => {
    expect(report).toContain("alternating rounds of 8 steps each");
    expect(report).toMatch(/\| fast +\| wasm +\| 1 +\| 120 \/ 100 = 1\.20; 90 \/ 100 = 0\.90 +\| \*\*1\.05x\*\* +\|/);
    expect(report).toContain("failed: PyTorch: exited with code 1");
  });

  it("names the presets' shapes, the machine and the notes", () => {
    expect(report).toContain("fast = 32x32x1, widths G 16 / D 16, z 100, batch 64");
    expect(report).toContain("2 x Test CPU");
    expect(report).toContain("- Quick mode.");
  });
});
