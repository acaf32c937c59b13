import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { DcganTrainer, sampleLatent, trainLoop, type StepResult } from "@ganvas/core";
import { type LossPoint, writeJsonAtomic, writeFileAtomic } from "@ganvas/registry";
import { CheckpointStore } from "../checkpoint/checkpoint-store";
import { deserializeLayersModel } from "../model-io/layers-artifacts";
import { createBatchSource } from "../data/batch-source";
import type { Dataset } from "../data/dataset";
import { renderSampleGrid } from "../images/sample-grid";
import type { ProgressReporter } from "../progress/progress-reporter";
import { UserError } from "../errors";
import type { TrainOptions } from "./train-options";
import { resumableBatches } from "./resumable-batches";

/** One entry of a run's losses.json: a published version's {@link LossPoint} plus D's mean outputs. */
export interface LossRecord extends LossPoint {
  dReal: number;
  dFake: number;
}

export type RunOutcome =
  | { kind: "completed"; globalStep: number; reason: "epochs" | "max-steps" }
  | { kind: "interrupted"; globalStep: number };

export interface RunResult {
  outcome: RunOutcome;
  trainer: DcganTrainer;
  losses: LossRecord[];
  wallTimeSeconds: number;
  lastGridPng: Buffer;
}

export class NonFiniteLossError extends UserError {}

/** The fixed noise batch behind every sample grid of a run: the same 64 points from epoch to epoch. */
const GRID_SIZE = 64;
const FIXED_NOISE_SALT = 0x9e3779b9;

/**
 * Trains one run: continues from its checkpoint when there is one, writes a sample grid, the loss history
 * and a checkpoint at each epoch's end, and stops cleanly on `signal` (the caller's Ctrl-C) or `--max-steps`.
 */
export interface RunTrainingArgs {
  options: TrainOptions;
  dataset: Dataset;
  runDir: string;
  signal: AbortSignal;
  createReporter: (startStep: number, totalSteps: number) => ProgressReporter;
}

export async function runTraining(args: RunTrainingArgs): Promise<RunResult> {
  const { options } = args;
  const trainer = new DcganTrainer({ config: options.config, seed: options.seed, learningRate: options.learningRate });
  try {
    return await train(trainer, args);
  } catch (error) {
    // The caller only owns the trainer of a run that returned.
    trainer.dispose();
    throw error;
  }
}

async function train(trainer: DcganTrainer, args: RunTrainingArgs): Promise<RunResult> {
  const { options, dataset, runDir } = args;
  const store = new CheckpointStore(runDir);
  const history: LossRecord[] = [];
  let startEpoch = 0;
  let skipInFirstEpoch = 0;
  let globalStep = 0;
  let priorWallTime = 0;

  if (await store.exists()) {
    const checkpoint = await store.load();
    await restoreModel(trainer.generator, checkpoint.generator);
    await restoreModel(trainer.discriminator, checkpoint.discriminator);
    await trainer.setOptimizerWeights(checkpoint.optimizer);
    tf.dispose([...checkpoint.optimizer.generator, ...checkpoint.optimizer.discriminator].map((n) => n.tensor));
    trainer.restoreRngState(checkpoint.state.rngState as Parameters<DcganTrainer["restoreRngState"]>[0]);
    ({ epoch: startEpoch, stepInEpoch: skipInFirstEpoch, globalStep } = checkpoint.state);
    priorWallTime = checkpoint.state.wallTimeSeconds;
    // losses.json is written just before the checkpoint; drop anything a crash left beyond it.
    history.push(...(await readLossHistory(runDir)).filter((record) => record.step <= globalStep));
    console.log(`Resuming ${runDir} at epoch ${startEpoch + 1}, step ${globalStep}.`);
  }

  const source = createBatchSource(dataset, { batchSize: options.batchSize, seed: options.seed });
  const totalSteps = Math.min(options.epochs * source.batchesPerEpoch, options.maxSteps ?? Number.POSITIVE_INFINITY);
  const reporter = args.createReporter(globalStep, totalSteps);
  const fixedNoise = tf.tensor2d(
    sampleLatent((options.seed ^ FIXED_NOISE_SALT) >>> 0, GRID_SIZE, options.config.zDim),
    [GRID_SIZE, options.config.zDim],
  );

  const stop = new AbortController();
  let stopReason: "interrupt" | "max-steps" | undefined;
  const onInterrupt = () => {
    stopReason ??= "interrupt";
    stop.abort();
  };
  if (args.signal.aborted) onInterrupt();
  args.signal.addEventListener("abort", onInterrupt, { once: true });

  const startedAt = performance.now();
  const wallTime = () => priorWallTime + (performance.now() - startedAt) / 1000;
  let epoch = startEpoch;
  let stepInEpoch = skipInFirstEpoch;
  let lastStepAt = performance.now();
  let lastGridPng: Buffer = Buffer.alloc(0);

  const saveCheckpoint = () => {
    const optimizer = trainer.getOptimizerWeights();
    return store
      .save(
        { globalStep, epoch, stepInEpoch, rngState: trainer.rngState(), wallTimeSeconds: wallTime() },
        { generator: trainer.generator, discriminator: trainer.discriminator, optimizer },
      )
      .finally(() => tf.dispose([...optimizer.generator, ...optimizer.discriminator].map((n) => n.tensor)));
  };
  const writeEpochArtifacts = async (label: string) => {
    lastGridPng = await renderSampleGrid(trainer.generator, fixedNoise);
    await store.guardWrite(`sample grid and losses of step ${globalStep}`, async () => {
      await mkdir(join(runDir, "samples"), { recursive: true });
      await writeFileAtomic(join(runDir, "samples", `${label}.png`), lastGridPng);
      await writeJsonAtomic(join(runDir, "losses.json"), history);
    });
  };

  try {
    await trainLoop({
      trainer,
      batches: resumableBatches(source, startEpoch, skipInFirstEpoch),
      epochs: options.epochs,
      startEpoch,
      signal: stop.signal,
      onStepEnd: async ({ epoch: e, result }: { epoch: number; result: StepResult }) => {
        if (e !== epoch) {
          epoch = e;
          stepInEpoch = 0;
        }
        globalStep += 1;
        stepInEpoch += 1;
        assertFinite(result, globalStep);
        history.push({ step: globalStep, ...result });
        const now = performance.now();
        reporter.step({
          epoch,
          epochs: options.epochs,
          globalStep,
          totalSteps,
          dLoss: result.dLoss,
          gLoss: result.gLoss,
          imagesPerSecond: options.batchSize / ((now - lastStepAt) / 1000),
        });
        lastStepAt = now;
        if (options.maxSteps !== undefined && globalStep >= options.maxSteps) {
          stopReason ??= "max-steps";
          stop.abort();
        }
      },
      onEpochEnd: async ({ epoch: e }: { epoch: number }) => {
        // The next run continues at the start of the following epoch.
        epoch = e + 1;
        stepInEpoch = 0;
        await writeEpochArtifacts(`epoch-${String(e + 1).padStart(4, "0")}`);
        await saveCheckpoint();
        reporter.log(`epoch ${e + 1}/${options.epochs} done at step ${globalStep}: grid in ${join(runDir, "samples")}`);
      },
    });
    if (stepInEpoch > 0 || lastGridPng.length === 0) {
      // Stopped inside an epoch (Ctrl-C, --max-steps): save that exact point too.
      await writeEpochArtifacts(`step-${String(globalStep).padStart(7, "0")}`);
      await saveCheckpoint();
    }
  } finally {
    reporter.stop();
    fixedNoise.dispose();
    args.signal.removeEventListener("abort", onInterrupt);
  }
  const outcome: RunOutcome =
    stopReason === "interrupt"
      ? { kind: "interrupted", globalStep }
      : { kind: "completed", globalStep, reason: stopReason === "max-steps" ? "max-steps" : "epochs" };
  return { outcome, trainer, losses: history, wallTimeSeconds: wallTime(), lastGridPng };
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
