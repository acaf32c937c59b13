import type { BrowserPlan } from "./browser-latency";
import type { BrowserSpeedPlan } from "./browser-speed";
import type { GenerationRequest } from "./measure-generation";
import type { NodeBackend, PresetName } from "./results";

export type BenchOptions = {
  quick: boolean;
  backends: NodeBackend[];
  presets: PresetName[];
  /** Overrides: measured training steps (tfjs and PyTorch), measured generation calls, warm-up runs. */
  steps?: number;
  repeats?: number;
  warmup?: number;
  browser: boolean;
  pytorch: boolean;
  /** Overrides the number of side-by-side rounds against PyTorch. */
  rounds?: number;
};

export type Counts = { warmup: number; steps: number };
/**
 * skip: not run, and why. skipOnSoftwareAdapter: run only if webgpu finds a hardware adapter; which kind it
 * finds is known only in the measuring process, once Dawn has started.
 */
export type Planned<T> = T & { skip?: string; skipOnSoftwareAdapter?: string };

type Mode = "quick" | "full";
const mode = (options: BenchOptions): Mode => (options.quick ? "quick" : "full");

/**
 * Steps per training measurement. The tutorial preset costs 10 to 30 s per step, so it gets few steps; the cpu
 * backend is about 20 times slower than wasm, so quick mode measures it only on `fast`. Warm-up covers what the
 * first steps pay once: the wasm heap growing, onnxruntime building a session per conv shape and growing its
 * memory (the tutorial's first two steps took 50 s and 25 s on onnxruntime, then 8 to 10 s), webgpu compiling
 * its shaders. webgpu gets few steps because the only adapter on the CI machines is SwiftShader, which took
 * 52 to 84 s per `fast` step on 2 busy cores.
 */
type StepBudget = "default" | "cpu" | "webgpu";
const TRAINING: Record<Mode, Record<StepBudget, Record<PresetName, Counts>>> = {
  quick: {
    default: { fast: { warmup: 4, steps: 8 }, tutorial: { warmup: 2, steps: 2 } },
    cpu: { fast: { warmup: 1, steps: 2 }, tutorial: { warmup: 1, steps: 1 } }, // tutorial: skipped, see quickSkip
    webgpu: { fast: { warmup: 1, steps: 2 }, tutorial: { warmup: 1, steps: 2 } }, // tutorial: hardware adapters only
  },
  full: {
    default: { fast: { warmup: 4, steps: 20 }, tutorial: { warmup: 2, steps: 4 } },
    cpu: { fast: { warmup: 2, steps: 5 }, tutorial: { warmup: 1, steps: 3 } },
    webgpu: { fast: { warmup: 2, steps: 5 }, tutorial: { warmup: 2, steps: 4 } },
  },
};

const stepBudget = (backend: NodeBackend): StepBudget =>
  backend === "cpu" || backend === "webgpu" ? backend : "default";

const PYTORCH: Record<Mode, Record<PresetName, Counts>> = {
  quick: { fast: { warmup: 2, steps: 10 }, tutorial: { warmup: 1, steps: 3 } },
  full: { fast: { warmup: 2, steps: 20 }, tutorial: { warmup: 2, steps: 5 } },
};

const GENERATION: Record<Mode, { warmup: number; repeats: number }> = {
  quick: { warmup: 1, repeats: 3 },
  full: { warmup: 2, repeats: 10 },
};

const BROWSER: Record<Mode, Omit<BrowserPlan, "backends" | "imageCounts">> = {
  // The tutorial generator takes seconds per 64 images in software WebGL: quick mode times `fast` only.
  quick: { presets: ["fast"], warmup: 1, repeats: 3 },
  full: { presets: ["fast", "tutorial"], warmup: 2, repeats: 5 },
};

export const GENERATION_BATCH = 64;
const BROWSER_IMAGE_COUNTS = [1, 16, 64];

/**
 * The cpu backend on the tutorial preset takes minutes per training step and about a minute per 64 images:
 * quick mode leaves it out.
 */
function quickSkip(options: BenchOptions, backend: NodeBackend, preset: PresetName): { skip?: string } {
  if (!options.quick || backend !== "cpu" || preset !== "tutorial") return {};
  return { skip: "the cpu backend is too slow for the tutorial preset in quick mode (run the full mode)" };
}

/**
 * A software WebGPU adapter (SwiftShader) would take tens of minutes per tutorial step (the tutorial is ~80
 * times the work of `fast`, which takes about a minute there) and 4 to 5 minutes per 64 images (263 s on 2 busy
 * cores): in either mode the tutorial runs on webgpu only where the adapter is hardware.
 */
function softwareAdapterSkip(backend: NodeBackend, preset: PresetName): { skipOnSoftwareAdapter?: string } {
  if (backend !== "webgpu" || preset !== "tutorial") return {};
  return {
    skipOnSoftwareAdapter:
      "a software WebGPU adapter is too slow for the tutorial preset (tens of minutes per step); measured on hardware adapters only",
  };
}

function override(counts: Counts, options: BenchOptions): Counts {
  return { warmup: options.warmup ?? counts.warmup, steps: options.steps ?? counts.steps };
}

export function trainingPlan(options: BenchOptions): Planned<Counts & { backend: NodeBackend; preset: PresetName }>[] {
  return options.backends.flatMap((backend) =>
    options.presets.map((preset) => {
      const counts = TRAINING[mode(options)][stepBudget(backend)][preset];
      return {
        backend,
        preset,
        ...override(counts, options),
        ...quickSkip(options, backend, preset),
        ...softwareAdapterSkip(backend, preset),
      };
    }),
  );
}

export function generationPlan(options: BenchOptions): Planned<GenerationRequest>[] {
  const counts = GENERATION[mode(options)];
  return options.backends.flatMap((backend) =>
    options.presets.map((preset) => ({
      backend,
      preset,
      batchSize: GENERATION_BATCH,
      warmup: options.warmup ?? counts.warmup,
      repeats: options.repeats ?? counts.repeats,
      ...quickSkip(options, backend, preset),
      ...softwareAdapterSkip(backend, preset),
    })),
  );
}

export function browserPlan(options: BenchOptions): BrowserPlan {
  const plan = BROWSER[mode(options)];
  return {
    backends: ["wasm", "webgl"],
    presets: plan.presets.filter((preset) => options.presets.includes(preset)),
    imageCounts: BROWSER_IMAGE_COUNTS,
    warmup: options.warmup ?? plan.warmup,
    repeats: options.repeats ?? plan.repeats,
  };
}

/**
 * Browser training and isolation: a `tiny` step takes milliseconds, a `fast` one a few hundred on one thread,
 * so tiny gets more steps; the 64-sample generation needs only a few calls once warm.
 */
const BROWSER_SPEED: Record<Mode, BrowserSpeedPlan> = {
  quick: {
    training: { tiny: { warmup: 5, steps: 20 }, fast: { warmup: 3, steps: 8 } },
    generation: { warmup: 1, repeats: 5 },
  },
  full: {
    training: { tiny: { warmup: 10, steps: 60 }, fast: { warmup: 4, steps: 20 } },
    generation: { warmup: 2, repeats: 10 },
  },
};

export function browserSpeedPlan(options: BenchOptions): BrowserSpeedPlan {
  return BROWSER_SPEED[mode(options)];
}

/**
 * PyTorch runs pinned to one thread (steady, the reference design.md records) and on both cores (what the
 * onnxruntime backend uses, so its fair match, but it swings with any other load on the machine).
 */
export const PYTORCH_THREADS = [1, 2] as const;

export function pytorchPlan(options: BenchOptions): (Counts & { preset: PresetName; threads: number })[] {
  return options.presets.flatMap((preset) =>
    PYTORCH_THREADS.map((threads) => ({ preset, threads, ...override(PYTORCH[mode(options)][preset], options) })),
  );
}

/**
 * Side-by-side rounds: the fastest tfjs backend and PyTorch on one thread, measured in alternation. The
 * machines this runs on drift by tens of percent over minutes, so a ratio of two figures taken minutes
 * apart can mislead; the median of per-round ratios holds steadier.
 */
const SIDE_BY_SIDE: Record<Mode, Record<PresetName, Counts & { rounds: number }>> = {
  quick: { fast: { rounds: 3, warmup: 3, steps: 8 }, tutorial: { rounds: 1, warmup: 2, steps: 2 } },
  full: { fast: { rounds: 5, warmup: 4, steps: 12 }, tutorial: { rounds: 3, warmup: 2, steps: 3 } },
};

export function sideBySidePlan(
  options: BenchOptions,
): (Counts & { preset: PresetName; rounds: number; threads: number })[] {
  return options.presets.map((preset) => {
    const { rounds, ...counts } = SIDE_BY_SIDE[mode(options)][preset];
    return { preset, rounds: options.rounds ?? rounds, threads: 1, ...override(counts, options) };
  });
}
