import type { DcganConfig } from "@ganvas/core";
import type { AdapterDescription } from "@ganvas/webgpu-node";
import type { summarize } from "./median";

/**
 * onnxruntime = the wasm backend with its convs in onnxruntime-node (@ganvas/onnx-kernels); webgpu = tfjs's
 * WebGPU backend on Dawn (@ganvas/webgpu-node), on whatever adapter the machine has, software ones included.
 */
export type NodeBackend = "onnxruntime" | "wasm" | "cpu" | "tensorflow" | "webgpu";

/** The WebGPU adapter a webgpu row ran on: a software one (SwiftShader) measures the CPU, not a GPU. */
export type GpuAdapter = Pick<AdapterDescription, "summary" | "software" | "vendor" | "architecture" | "description">;
export type BrowserBackend = "wasm" | "webgl";
export type PresetName = "fast" | "tutorial";

export type Timing = ReturnType<typeof summarize>;

/** A measurement that ran, or why it did not: every planned row appears in the report either way. */
export type Outcome<T> = ({ status: "ok" } & T) | { status: "skipped" | "unavailable" | "failed"; reason: string };

/** What a Node measurement's child process answers: the outcome, and the adapter where it ran on webgpu. */
export type NodeMeasurement<T> = Outcome<T> & { adapter?: GpuAdapter };

export type TrainingRow = {
  backend: NodeBackend;
  preset: PresetName;
  batchSize: number;
  warmup: number;
} & NodeMeasurement<Timing>;

export type GenerationRow = { backend: NodeBackend; preset: PresetName; batchSize: number } & NodeMeasurement<
  Timing & { imagesPerSecond: number }
>;

export type BrowserRow = { backend: BrowserBackend; preset: PresetName; images: number } & Outcome<Timing>;

/** The presets the /train page trains. */
export type TrainablePreset = "tiny" | "fast";
/** Where a browser-speed figure was taken: Chromium served plainly or cross-origin isolated, or Node's wasm backend. */
export type SpeedSetting = "chromium, not isolated" | "chromium, cross-origin isolated" | "node";
export type BrowserTrainingRow = { setting: SpeedSetting; preset: TrainablePreset; batchSize: number } & Outcome<
  Timing & { stepsPerSecond: number; threads: number }
>;
/** 64-sample generation of the fast generator; coreKernels: core's composed Conv2DBackpropInput registered. */
export type IsolationRow = { setting: SpeedSetting; coreKernels: boolean; images: number } & Outcome<
  Timing & { threads: number }
>;

/** device and deviceName: what dcgan_step.py ran on ("cpu" here; "cuda" and the GPU's name with --device cuda). */
export type PytorchRow = { preset: PresetName; batchSize: number; warmup: number; threads: number } & Outcome<
  Timing & { torchVersion: string; blas: string; device?: string; deviceName?: string | null }
>;

export type Ratio = {
  preset: PresetName;
  tfjsBackend: NodeBackend;
  tfjsMs: number;
  pytorchThreads: number;
  pytorchMs: number;
  ratio: number;
};

/** One round of the side-by-side comparison: tfjs's median step, then PyTorch's, measured right after. */
export type SideBySideRound = { tfjsMs: number; pytorchMs: number; ratio: number };

/** tfjs and PyTorch measured in alternation, round after round, so that the machine's drift hits both alike. */
export type SideBySide = {
  preset: PresetName;
  tfjsBackend: NodeBackend;
  pytorchThreads: number;
  steps: number;
} & Outcome<{
  rounds: SideBySideRound[];
  medianRatio: number;
}>;

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  mode: "quick" | "full";
  /** The shapes measured, as core defined the presets at the time of the run. */
  presets: Partial<Record<PresetName, { config: DcganConfig; batchSize: number }>>;
  machine: {
    cpuModel: string;
    cpus: number;
    node: string;
    platform: string;
    gitCommit: string | null;
    loadAverageAtStart: number;
  };
  training: TrainingRow[];
  generation: GenerationRow[];
  browser: { chromium: string | null; rows: BrowserRow[] };
  /** Training steps in Chromium against Node's wasm backend, and generation before and after cross-origin isolation. */
  browserSpeed?: { training: BrowserTrainingRow[]; generation: IsolationRow[] };
  pytorch: PytorchRow[];
  ratios: Ratio[];
  sideBySide: SideBySide[];
  notes: string[];
}
