// The messages between the /train page and its training worker. The worker trains and renders; the page
// only draws what these messages carry.
import type { BackendName } from "@/lib/training/training-backend";

export const TRAINABLE_PRESETS = ["tiny", "fast"] as const;
export type TrainablePreset = (typeof TRAINABLE_PRESETS)[number];

export type StartRequest = {
  preset: TrainablePreset;
  seed: number;
  /** The fixed-noise grid is rendered after every this many steps (and after the last one). */
  gridEvery: number;
  /** Stops after this many steps (the preset's epochs otherwise). */
  maxSteps: number | null;
  /** `?backend=`: run this backend even where the automatic choice would not. */
  forcedBackend: BackendName | null;
};

export type PageMessage =
  | { type: "start"; request: StartRequest }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "stop" }
  | { type: "export" };

export type StepPoint = { step: number; dLoss: number; gLoss: number; dReal: number; dFake: number };

/** What a finished or stopped run publishes: everything the manifest says about its training. */
export type RunFacts = {
  preset: TrainablePreset;
  config: { imageSize: number; channels: 1 | 3; zDim: number; generatorWidth: number; discriminatorWidth: number };
  dataset: { name: string; count: number; contentHash: string };
  batchSize: number;
  learningRate: number;
  seed: number;
  steps: number;
  stepsPerEpoch: number;
  /** e.g. "browser-wasm": the gallery shows it as the version's backend. */
  backend: string;
  wallTimeSeconds: number;
};

export type ExportedGenerator = {
  facts: RunFacts;
  modelJson: string;
  weights: ArrayBuffer;
  /** The last fixed-noise grid as PNG. */
  samplesPng: ArrayBuffer;
  losses: StepPoint[];
};

export type WorkerMessage =
  | { type: "backend"; backend: BackendName; detail: string; reason: string }
  | { type: "ready"; totalSteps: number; batchSize: number; images: number }
  | { type: "steps"; points: StepPoint[]; trainingSeconds: number; stepsPerSecond: number | null }
  | { type: "grid"; step: number; width: number; height: number; rgba: ArrayBuffer }
  | { type: "state"; state: "running" | "paused" | "stopped" | "finished" }
  | { type: "exported"; generator: ExportedGenerator }
  | { type: "error"; message: string };
