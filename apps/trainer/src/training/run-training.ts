import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { DcganTrainer, deserializeLayersModel, trainLoop, type BatchSource, type StepResult } from "@ganvas/core";
import { type LossPoint, writeJsonAtomic, writeFileAtomic } from "@ganvas/registry";
import { CheckpointStore } from "../checkpoint/checkpoint-store";
import { createBatchSource } from "../data/batch-source";
import type { Dataset } from "../data/dataset";
import { renderSampleGrid } from "../images/sample-grid";
import { gridInput, type GridInput } from "../images/grid-input";
import type { ProgressReporter } from "../progress/progress-reporter";
import { UserError } from "../errors";
import { type EpochGrid, epochGridLabel, readEpochGrids, SAMPLES_FOLDER } from "./epoch-grids";
import type { TrainOptions } from "./train-options";

/** One entry of a run's losses.json: a published version's {@link LossPoint} plus D's mean outputs. */
export interface LossRecord extends LossPoint {
  dReal: number;
  dFake: number;
}

export type RunOutcome =
  { kind: "completed"; globalStep: number; reason: "epochs" | StopLimit } | { kind: "interrupted"; globalStep: number };

export interface RunResult {
  outcome: RunOutcome;
  trainer: DcganTrainer;
  losses: LossRecord[];
  wallTimeSeconds: number;
  lastGridPng: Buffer;
  /** The grid of every finished epoch, earlier runs of a resumed one included. */
  epochGrids: EpochGrid[];
}

export class NonFiniteLossError extends UserError {}

/**
 * The fixed noise batch behind every sample grid of a run: the same 64 points from epoch to epoch (a
 * conditional run: 8 points, one row for each class).
 */
const GRID_SIZE = 64;
const CLASS_GRID_COLUMNS = 8;
const FIXED_NOISE_SALT = 0x9e3779b9;

/**
 * Trains one run: continues from its checkpoint when there is one, writes a sample grid, the loss history
 * and a checkpoint at each epoch's end, and stops cleanly on `signal` (the caller's Ctrl-C), `--max-steps` or
 * `--max-minutes`.
 */
export interface RunTrainingArgs {
  options: TrainOptions;
  dataset: Dataset;
  runDir: string;
  signal: AbortSignal;
  createReporter: (startStep: number, totalSteps: number) => ProgressReporter;
}

export async function runTraining(args: RunTrainingArgs): Promise<RunResult> {
  const { options, dataset, runDir } = args;
  const trainer = new DcganTrainer({
    config: options.config,
    seed: options.seed,
    ...options.recipe,
    learningRate: options.learningRate,
  });
  try {
    const store = new CheckpointStore(runDir);
    const restored = await restoreRun(trainer, store, runDir);
    const { numClasses } = options.config;
    const source = createBatchSource(dataset, {
      batchSize: options.batchSize,
      seed: options.seed,
      labelled: numClasses !== undefined,
    });
    const totalSteps = Math.min(options.epochs * source.batchesPerEpoch, options.maxSteps ?? Number.POSITIVE_INFINITY);
    const reporter = args.createReporter(restored.position.globalStep, totalSteps);
    const fixedNoise = gridInput(
      options.config,
      (options.seed ^ FIXED_NOISE_SALT) >>> 0,
      numClasses === undefined ? GRID_SIZE : CLASS_GRID_COLUMNS * numClasses,
    );
    const startedAt = performance.now();
    const wallTime = () => restored.priorWallTime + (performance.now() - startedAt) / 1000;
    const history = restored.history;
    const stop = new RunStop(args.signal);
    const write = (position: RunPosition, label: string) =>
      writeOutputs({ trainer, store, runDir, fixedNoise, history, position, wallTime, label });
    try {
      let lastGridPng: Buffer = Buffer.alloc(0);
      const end = await runLoop({
        trainer,
        options,
        wallTime,
        source,
        start: restored.position,
        history,
        stop,
        reporter,
        totalSteps,
        onEpochEnd: async (position) => {
          lastGridPng = await write(position, epochGridLabel(position.epoch));
          reporter.log(
            `epoch ${position.epoch}/${options.epochs} done at step ${position.globalStep}: grid in ${join(runDir, SAMPLES_FOLDER)}`,
          );
        },
      });
      if (end.stepInEpoch > 0 || lastGridPng.length === 0) {
        // Stopped inside an epoch (Ctrl-C, --max-steps, --max-minutes): save that exact point too.
        lastGridPng = await write(end, `step-${String(end.globalStep).padStart(7, "0")}`);
      }
      const outcome: RunOutcome =
        stop.reason === "interrupt"
          ? { kind: "interrupted", globalStep: end.globalStep }
          : {
              kind: "completed",
              globalStep: end.globalStep,
              reason: stop.reason ?? "epochs",
            };
      const epochGrids = await readEpochGrids(runDir);
      return { outcome, trainer, losses: history, wallTimeSeconds: wallTime(), lastGridPng, epochGrids };
    } finally {
      reporter.stop();
      fixedNoise.input.dispose();
      stop.release();
    }
  } catch (error) {
    // The caller only owns the trainer of a run that returned.
    trainer.dispose();
    throw error;
  }
}

/** Where a run stands: the epoch it is in, how many of that epoch's batches are trained, steps since the start. */
interface RunPosition {
  epoch: number;
  stepInEpoch: number;
  globalStep: number;
}

interface RestoredRun {
  position: RunPosition;
  /** Losses up to `position`. */
  history: LossRecord[];
  priorWallTime: number;
}

/** Loads the run's checkpoint into `trainer` when there is one; a new run starts at step 0. */
async function restoreRun(trainer: DcganTrainer, store: CheckpointStore, runDir: string): Promise<RestoredRun> {
  if (!(await store.exists())) {
    return { position: { epoch: 0, stepInEpoch: 0, globalStep: 0 }, history: [], priorWallTime: 0 };
  }
  const checkpoint = await store.load();
  await restoreModel(trainer.generator, checkpoint.generator);
  await restoreModel(trainer.discriminator, checkpoint.discriminator);
  await trainer.setOptimizerWeights(checkpoint.optimizer);
  tf.dispose([...checkpoint.optimizer.generator, ...checkpoint.optimizer.discriminator].map((n) => n.tensor));
  trainer.restoreRngState(checkpoint.state.rngState as Parameters<DcganTrainer["restoreRngState"]>[0]);
  const { epoch, stepInEpoch, globalStep } = checkpoint.state;
  // losses.json is written just before the checkpoint; drop anything a crash left beyond it.
  const history = (await readLossHistory(runDir)).filter((record) => record.step <= globalStep);
  console.log(`Resuming ${runDir} at epoch ${epoch + 1}, step ${globalStep}.`);
  return { position: { epoch, stepInEpoch, globalStep }, history, priorWallTime: checkpoint.state.wallTimeSeconds };
}

interface LoopInputs {
  trainer: DcganTrainer;
  options: TrainOptions;
  source: BatchSource;
  start: RunPosition;
  /** Each step's losses are appended. */
  history: LossRecord[];
  stop: RunStop;
  reporter: ProgressReporter;
  totalSteps: number;
  /** The run's training time so far in seconds (a resumed run's earlier parts included), for --max-minutes. */
  wallTime: () => number;
  /** Runs at each epoch's end with the position the next run continues from (the following epoch's start). */
  onEpochEnd: (position: RunPosition) => Promise<void>;
}

/**
 * Trains from `start` until the last epoch, `--max-steps`, `--max-minutes` or `stop`, whichever comes first;
 * returns where it ended.
 */
async function runLoop(inputs: LoopInputs): Promise<RunPosition> {
  const { trainer, options, source, start, history, stop, reporter } = inputs;
  let end = start;
  let lastStepAt = performance.now();
  await trainLoop({
    trainer,
    batches: source,
    epochs: options.epochs,
    startEpoch: start.epoch,
    startStep: start.stepInEpoch,
    signal: stop.signal,
    onStepEnd: ({ epoch, stepInEpoch, globalStep, result }) => {
      end = { epoch, stepInEpoch: stepInEpoch + 1, globalStep };
      assertFinite(result, globalStep);
      history.push({ step: globalStep, ...result });
      const now = performance.now();
      reporter.step({
        epoch,
        epochs: options.epochs,
        globalStep,
        totalSteps: inputs.totalSteps,
        dLoss: result.dLoss,
        gLoss: result.gLoss,
        imagesPerSecond: options.batchSize / ((now - lastStepAt) / 1000),
      });
      lastStepAt = now;
      if (options.maxSteps !== undefined && globalStep >= options.maxSteps) stop.request("max-steps");
      if (options.maxMinutes !== undefined && inputs.wallTime() >= options.maxMinutes * 60) stop.request("max-minutes");
    },
    onEpochEnd: async ({ epoch, globalStep }) => {
      // The next run continues at the start of the following epoch.
      end = { epoch: epoch + 1, stepInEpoch: 0, globalStep };
      await inputs.onEpochEnd(end);
    },
  });
  return end;
}

/** A limit the user set on the run's length. */
type StopLimit = "max-steps" | "max-minutes";

/** Why a run stops early: the caller's signal (Ctrl-C), `--max-steps` or `--max-minutes`; the first reason wins. */
class RunStop {
  reason: "interrupt" | StopLimit | undefined;
  private readonly controller = new AbortController();
  private readonly onInterrupt = () => this.request("interrupt");

  constructor(private readonly interrupt: AbortSignal) {
    if (interrupt.aborted) this.onInterrupt();
    interrupt.addEventListener("abort", this.onInterrupt, { once: true });
  }

  /** Aborted once a reason is requested: the loop finishes its step, then stops. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  request(reason: "interrupt" | StopLimit): void {
    this.reason ??= reason;
    this.controller.abort();
  }

  /** Stops listening to the caller's signal. */
  release(): void {
    this.interrupt.removeEventListener("abort", this.onInterrupt);
  }
}

interface OutputInputs {
  trainer: DcganTrainer;
  store: CheckpointStore;
  runDir: string;
  /** The noise (and classes) behind every sample grid of the run. */
  fixedNoise: GridInput;
  history: LossRecord[];
  position: RunPosition;
  /** The run's training time so far, read when the checkpoint is written. */
  wallTime: () => number;
  /** The sample grid's file name, without `.png`. */
  label: string;
}

/**
 * Writes the sample grid (`samples/<label>.png`), losses.json and then a checkpoint at `position`; returns the
 * grid. A write the disk refuses stops the run with a message and leaves the previous checkpoint intact.
 */
async function writeOutputs(inputs: OutputInputs): Promise<Buffer> {
  const { trainer, store, runDir, position } = inputs;
  // With a weight average, the grids show what will be published: the averaged generator.
  const grid = await renderSampleGrid(trainer.samplingGenerator(), inputs.fixedNoise.input, inputs.fixedNoise.columns);
  await store.guardWrite(`sample grid and losses of step ${position.globalStep}`, async () => {
    await mkdir(join(runDir, SAMPLES_FOLDER), { recursive: true });
    await writeFileAtomic(join(runDir, SAMPLES_FOLDER, `${inputs.label}.png`), grid);
    await writeJsonAtomic(join(runDir, "losses.json"), inputs.history);
  });
  const optimizer = trainer.getOptimizerWeights();
  try {
    await store.save(
      {
        globalStep: position.globalStep,
        epoch: position.epoch,
        stepInEpoch: position.stepInEpoch,
        rngState: trainer.rngState(),
        wallTimeSeconds: inputs.wallTime(),
      },
      { generator: trainer.generator, discriminator: trainer.discriminator, optimizer },
    );
  } finally {
    tf.dispose([...optimizer.generator, ...optimizer.discriminator].map((n) => n.tensor));
  }
  return grid;
}

function assertFinite(result: StepResult, step: number): void {
  if (Number.isFinite(result.dLoss) && Number.isFinite(result.gLoss)) return;
  throw new NonFiniteLossError(
    `Training diverged at step ${step}: D loss ${result.dLoss}, G loss ${result.gLoss}. ` +
      "The last good checkpoint is kept; try a lower --lr or another --seed.",
  );
}

async function restoreModel(
  target: DcganTrainer["generator"],
  files: Parameters<typeof deserializeLayersModel>[0],
): Promise<void> {
  const loaded = await deserializeLayersModel(files);
  target.setWeights(loaded.getWeights());
  loaded.dispose();
}

async function readLossHistory(runDir: string): Promise<LossRecord[]> {
  try {
    return JSON.parse(await readFile(join(runDir, "losses.json"), "utf8")) as LossRecord[];
  } catch {
    return [];
  }
}
