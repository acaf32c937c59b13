// `pnpm bench`: times training and generation on every tfjs backend (webgpu on whatever adapter exists), in Node
// and headless Chromium, beside a PyTorch CPU reference; prints the figures as Markdown tables and saves them
// to bench/results/.
import { join } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { PRESETS } from "@ganvas/core";
import { measureBrowserLatency } from "./browser-latency";
import { measureBrowserSpeed } from "./browser-speed";
import { runInChild } from "./child-worker";
import { machineInfo } from "./machine-info";
import type { GenerationRequest, GenerationResult } from "./measure-generation";
import type { TrainingRequest } from "./measure-training";
import {
  browserPlan,
  browserSpeedPlan,
  generationPlan,
  pytorchPlan,
  PYTORCH_THREADS,
  sideBySidePlan,
  trainingPlan,
  type BenchOptions,
} from "./plan";
import { findTorchPython, measurePytorchStep, type TorchPython } from "./pytorch-reference";
import { fastestBackends, medianRatio, sideBySideRound, tfjsOverPytorch } from "./ratios";
import { formatReport } from "./report-table";
import { repoRoot } from "./repo-root";
import type {
  BenchResults,
  GenerationRow,
  NodeBackend,
  NodeMeasurement,
  PresetName,
  PytorchRow,
  SideBySide,
  SideBySideRound,
  Timing,
  TrainingRow,
} from "./results";
import { saveResults, writeJsonAtomically } from "./results-file";
import { compareQuality } from "./quality-comparison";
import type { QualityResults } from "./quality-results";
import { formatQualityReport } from "./quality-table";

// webgpu last: on a software adapter its rows take minutes, and the CPU backends' figures arrive first.
const NODE_BACKENDS: NodeBackend[] = ["onnxruntime", "wasm", "cpu", "tensorflow", "webgpu"];
const PRESET_NAMES: PresetName[] = ["fast", "tutorial"]; // cheap first: its figures arrive in seconds

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError("expected a whole number >= 1.");
  return value;
}

function positiveNumber(text: string): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new InvalidArgumentError("expected a number above 0.");
  return value;
}

function seedList(text: string): number[] {
  const seeds = text.split(",").map((item) => Number(item.trim()));
  if (seeds.some((seed) => !Number.isInteger(seed) || seed < 0))
    throw new InvalidArgumentError("whole numbers from 0, comma-separated, e.g. 1,2,3.");
  return seeds;
}

function listOf<T extends string>(allowed: readonly T[]) {
  return (text: string): T[] => {
    const items = text.split(",").map((item) => item.trim());
    const unknown = items.filter((item) => !allowed.includes(item as T));
    if (unknown.length > 0)
      throw new InvalidArgumentError(`unknown ${unknown.join(", ")}; choose from ${allowed.join(", ")}.`);
    return items as T[];
  };
}

function parseOptions(argv: string[]) {
  const program = new Command("bench")
    .description("Ganvas benchmark: tfjs training and generation per backend, browser latency, PyTorch reference.")
    .option("--quick", "a few minutes: few steps, cpu only on the fast preset, browser on fast (or BENCH_QUICK=1)")
    .option("--steps <n>", "measured training steps per measurement (tfjs and PyTorch)", positiveInteger)
    .option("--repeats <n>", "measured generation calls per measurement", positiveInteger)
    .option("--warmup <n>", "warm-up runs before each measurement", positiveInteger)
    .option("--backends <list>", `Node backends, from ${NODE_BACKENDS.join(",")}`, listOf(NODE_BACKENDS), NODE_BACKENDS)
    .option("--presets <list>", `core presets, from ${PRESET_NAMES.join(",")}`, listOf(PRESET_NAMES), PRESET_NAMES)
    .option("--no-browser", "skip generation latency in headless Chromium")
    .option("--no-pytorch", "skip the PyTorch reference")
    .option(
      "--rounds <n>",
      "side-by-side rounds of the fastest tfjs CPU backend and PyTorch, alternating",
      positiveInteger,
    )
    .option(
      "--quality",
      "instead of speed: train PyTorch and Ganvas for the same wall-clock budget and score both sample sets",
    )
    .option("--budget-minutes <m>", "--quality: training time of each run", positiveNumber, 3)
    .option("--seeds <list>", "--quality: seeds, comma-separated; several give medians", seedList, [1])
    .option("--pytorch-threads <n>", "--quality: PyTorch's CPU threads", positiveInteger, 2)
    .option("--timeout-minutes <n>", "limit for each measurement", positiveInteger, 120)
    .option("--output <dir>", "results folder", join(repoRoot(), "bench", "results"));
  // `pnpm bench -- --quick` may arrive with the separator still in front.
  const args = argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--"));
  const parsed = program.parse(args, { from: "user" }).opts<
    Omit<BenchOptions, "quick"> & {
      quick?: boolean;
      timeoutMinutes: number;
      output: string;
      quality?: boolean;
      budgetMinutes: number;
      seeds: number[];
      pytorchThreads: number;
    }
  >();
  const quick = Boolean(parsed.quick) || process.env["BENCH_QUICK"] === "1";
  return { ...parsed, quick };
}

function failure(error: unknown): { status: "failed"; reason: string } {
  return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
}

function announce(title: string): void {
  process.stderr.write(`\n== ${title}\n`);
}

async function measureTrainingRows(options: BenchOptions, timeoutMs: number): Promise<TrainingRow[]> {
  announce("Training step per backend (each in a fresh Node process)");
  const rows: TrainingRow[] = [];
  for (const task of trainingPlan(options)) {
    const head = {
      backend: task.backend,
      preset: task.preset,
      batchSize: PRESETS[task.preset].batchSize,
      warmup: task.warmup,
    };
    if (task.skip !== undefined) {
      rows.push({ ...head, status: "skipped", reason: task.skip });
      continue;
    }
    const request: TrainingRequest = {
      backend: task.backend,
      preset: task.preset,
      warmup: task.warmup,
      steps: task.steps,
      seed: 1,
      skipOnSoftwareAdapter: task.skipOnSoftwareAdapter,
    };
    const outcome = await runInChild<TrainingRequest, NodeMeasurement<Timing>>(
      new URL("./measure-training.ts", import.meta.url),
      request,
      timeoutMs,
    ).catch(failure);
    rows.push({ ...head, ...outcome });
  }
  return rows;
}

async function measureGenerationRows(options: BenchOptions, timeoutMs: number): Promise<GenerationRow[]> {
  announce("Generation throughput in Node (batch of 64, inference mode)");
  const rows: GenerationRow[] = [];
  for (const { skip, ...request } of generationPlan(options)) {
    const head = { backend: request.backend, preset: request.preset, batchSize: request.batchSize };
    if (skip !== undefined) {
      rows.push({ ...head, status: "skipped", reason: skip });
      continue;
    }
    const outcome = await runInChild<GenerationRequest, GenerationResult>(
      new URL("./measure-generation.ts", import.meta.url),
      request,
      timeoutMs,
    ).catch(failure);
    rows.push({ ...head, ...outcome });
  }
  return rows;
}

async function measurePytorchRows(
  options: BenchOptions,
  torch: TorchPython,
  timeoutMs: number,
  notes: string[],
): Promise<PytorchRow[]> {
  announce(`PyTorch CPU reference (${PYTORCH_THREADS.join(" and ")} threads)`);
  const plan = pytorchPlan(options);
  if (!torch.ok) {
    notes.push(`PyTorch reference skipped: ${torch.reason}.`);
    return plan.map((task) => ({
      preset: task.preset,
      batchSize: PRESETS[task.preset].batchSize,
      warmup: task.warmup,
      threads: task.threads,
      status: "unavailable",
      reason: torch.reason,
    }));
  }
  const rows: PytorchRow[] = [];
  for (const task of plan) rows.push(await measurePytorchStep(torch, task.preset, { ...task, timeoutMs }));
  return rows;
}

/** Rounds of the fastest tfjs CPU backend, then PyTorch right after, per preset (see sideBySidePlan). */
async function measureSideBySide(
  options: BenchOptions,
  training: TrainingRow[],
  torch: TorchPython,
  timeoutMs: number,
): Promise<SideBySide[]> {
  announce("tfjs and PyTorch side by side (alternating rounds)");
  const fastest = fastestBackends(training);
  const rows: SideBySide[] = [];
  for (const task of sideBySidePlan(options)) {
    const tfjsBackend = fastest.get(task.preset);
    const head = {
      preset: task.preset,
      tfjsBackend: tfjsBackend ?? options.backends[0]!,
      pytorchThreads: task.threads,
      steps: task.steps,
    };
    if (tfjsBackend === undefined || !torch.ok) {
      rows.push({
        ...head,
        status: "unavailable",
        reason: torch.ok ? "no tfjs CPU backend measured this preset" : torch.reason,
      });
      continue;
    }
    const rounds: SideBySideRound[] = [];
    let problem: string | undefined;
    for (let round = 0; round < task.rounds && problem === undefined; round++) {
      const request: TrainingRequest = {
        backend: tfjsBackend,
        preset: task.preset,
        warmup: task.warmup,
        steps: task.steps,
        seed: 1,
      };
      const tfjs = await runInChild<TrainingRequest, NodeMeasurement<Timing>>(
        new URL("./measure-training.ts", import.meta.url),
        request,
        timeoutMs,
      ).catch(failure);
      const pytorch = await measurePytorchStep(torch, task.preset, {
        warmup: task.warmup,
        steps: task.steps,
        threads: task.threads,
        timeoutMs,
      });
      if (tfjs.status !== "ok") problem = `tfjs: ${tfjs.reason}`;
      else if (pytorch.status !== "ok") problem = `PyTorch: ${pytorch.reason}`;
      else rounds.push(sideBySideRound(tfjs.medianMs, pytorch.medianMs));
    }
    rows.push(
      problem === undefined
        ? { ...head, status: "ok", rounds, medianRatio: medianRatio(rounds) }
        : { ...head, status: "failed", reason: problem },
    );
  }
  return rows;
}

/** `--quality`: the sample-quality comparison alone, saved to <output>/quality.json. */
async function measureQuality(options: {
  budgetMinutes: number;
  seeds: number[];
  pytorchThreads: number;
  timeoutMs: number;
  output: string;
}) {
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  process.stderr.write(
    `Ganvas bench, quality: PyTorch and Ganvas, ${options.budgetMinutes} min of training each, seeds ${options.seeds.join(", ")}\n`,
  );
  const torch = await findTorchPython();
  if (!torch.ok) throw new Error(`--quality needs PyTorch: ${torch.reason}`);
  const compared = await compareQuality(torch, { ...options, log: (line) => announce(line) });
  const results: QualityResults = { startedAt, finishedAt: new Date().toISOString(), machine, ...compared };
  const saved = join(options.output, "quality.json");
  await writeJsonAtomically(saved, results);
  process.stdout.write(`\n${formatQualityReport(results)}\n\nSaved ${saved}.\n`);
}

async function main(): Promise<void> {
  const { timeoutMinutes, output, quality, budgetMinutes, seeds, pytorchThreads, ...options } = parseOptions(
    process.argv,
  );
  const timeoutMs = timeoutMinutes * 60_000;
  if (quality) return measureQuality({ budgetMinutes, seeds, pytorchThreads, timeoutMs, output });
  const startedAt = new Date().toISOString();
  process.stderr.write(`Ganvas bench, ${options.quick ? "quick" : "full"} mode; results go to ${output}\n`);
  const machine = machineInfo();
  const notes: string[] = [];
  if (machine.loadAverageAtStart > 0.5) {
    notes.push(
      `The machine was busy at the start (load average ${machine.loadAverageAtStart} on ${machine.cpus} cores): other processes inflate these timings.`,
    );
  }
  if (options.quick)
    notes.push("Quick mode: medians of few steps, indicative only; `pnpm bench` without --quick measures more.");

  const training = await measureTrainingRows(options, timeoutMs);
  const generation = await measureGenerationRows(options, timeoutMs);
  let browser: BenchResults["browser"] = { chromium: null, rows: [] };
  let browserSpeed: NonNullable<BenchResults["browserSpeed"]> = { training: [], generation: [] };
  if (options.browser) {
    announce("Generation latency in headless Chromium");
    const section = await measureBrowserLatency(browserPlan(options));
    browser = { chromium: section.chromium, rows: section.rows };
    notes.push(...section.notes);
    announce("Training in headless Chromium, and generation before and after cross-origin isolation");
    const speed = await measureBrowserSpeed(browserSpeedPlan(options), timeoutMs);
    browserSpeed = { training: speed.training, generation: speed.generation };
    notes.push(...speed.notes);
  } else {
    notes.push("Browser section skipped (--no-browser).");
  }
  const torch: TorchPython = options.pytorch
    ? await findTorchPython()
    : { ok: false, reason: "skipped (--no-pytorch)" };
  const pytorch = options.pytorch ? await measurePytorchRows(options, torch, timeoutMs, notes) : [];
  const sideBySide = options.pytorch ? await measureSideBySide(options, training, torch, timeoutMs) : [];
  if (!options.pytorch) notes.push("PyTorch reference skipped (--no-pytorch).");

  const results: BenchResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: options.quick ? "quick" : "full",
    presets: Object.fromEntries(
      options.presets.map((name) => [name, { config: PRESETS[name].config, batchSize: PRESETS[name].batchSize }]),
    ),
    machine,
    training,
    generation,
    browser,
    browserSpeed,
    pytorch,
    ratios: tfjsOverPytorch(training, pytorch),
    sideBySide,
    notes,
  };
  const saved = await saveResults(output, results);
  process.stdout.write(`\n${formatReport(results)}\nSaved ${saved} and latest.json beside it.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
