import type { LossPoint, Quality, Registry, VersionRecord } from "@ganvas/registry";
import type { Dataset } from "../data/dataset";
import { serializeLayersModel, WEIGHTS_FILE } from "@ganvas/core";
import type { RunResult } from "../training/run-training";
import type { TrainOptions } from "../training/train-options";
import { epochGridLabel } from "../training/epoch-grids";
import { datasetEntry } from "./dataset-entry";
import { gitCommit } from "./git-commit";

/** Publishes a finished run's generator, last sample grid, every epoch's grid and loss history as the model's next version. */
export async function publishRun(args: {
  registry: Registry;
  options: TrainOptions;
  dataset: Dataset;
  run: RunResult;
  backend: string;
  device?: string;
  resumedFrom: string | null;
  quality: Quality | null;
}): Promise<VersionRecord> {
  const { options, dataset, run } = args;
  const generator = await serializeLayersModel(run.trainer.samplingGenerator());
  const last = run.losses.at(-1);
  const stepsPerEpoch = Math.floor(dataset.count / options.batchSize);
  const published = await args.registry.publish({
    name: options.name,
    manifest: {
      model: { architecture: "dcgan", ...options.config },
      dataset: datasetEntry(dataset),
      training: {
        preset: options.preset,
        // Whole epochs done; `steps` has the exact amount.
        epochs: Math.floor(run.outcome.globalStep / stepsPerEpoch),
        steps: run.outcome.globalStep,
        batchSize: options.batchSize,
        learningRate: options.learningRate,
        ...(recipeEntry(options.recipe) ?? {}),
        seed: options.seed,
        backend: args.backend,
        ...(args.device === undefined ? {} : { device: args.device }),
        wallTimeSeconds: Number(run.wallTimeSeconds.toFixed(1)),
        gitCommit: gitCommit(),
      },
      metrics: { finalDLoss: last?.dLoss ?? null, finalGLoss: last?.gLoss ?? null, quality: args.quality },
      lineage: { resumedFrom: args.resumedFrom, fineTunedFrom: null },
    },
    files: [
      { path: "model.json", role: "generator-topology", data: generator.modelJson },
      { path: WEIGHTS_FILE, role: "generator-weights", data: generator.weights },
      { path: "samples.png", role: "samples", data: run.lastGridPng },
      {
        path: "losses.json",
        role: "losses",
        data: JSON.stringify(run.losses.map(({ step, dLoss, gLoss }): LossPoint => ({ step, dLoss, gLoss }))),
      },
      ...run.epochGrids.map(({ epoch, png }) => ({
        path: `epochs/${epochGridLabel(epoch)}.png`,
        role: "epoch-samples" as const,
        epoch,
        data: png,
      })),
    ],
  });
  // The version is published either way; these say what the registry repaired or could not do (aliases).
  for (const warning of published.warnings) console.warn(`warning: ${warning}`);
  return published;
}

/** The manifest's `training.recipe`: only what differs from the tutorial, and nothing when that is empty. */
function recipeEntry(recipe: TrainOptions["recipe"]): { recipe: NonNullable<TrainOptions["recipe"]> } | undefined {
  const { learningRate: _learningRate, ...rest } = recipe ?? {};
  return Object.keys(rest).length === 0 ? undefined : { recipe: rest };
}
