import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, isAbsolute, join } from "node:path";
import type { Registry } from "@ganvas/registry";
import { selectBackend } from "../backend/select-backend";
import { checkBatchFits } from "../data/batch-source";
import { loadDataset } from "../data/load-dataset";
import { UserError } from "../errors";
import { createProgressReporter } from "../progress/progress-reporter";
import { publishRun } from "../registry/publish-run";
import { runTraining } from "../training/run-training";
import { resolveTrainOptions, withDatasetClasses, type TrainFlags, type TrainOptions } from "../training/train-options";
import { defaultCacheDir, defaultRunsRoot, userPath } from "../paths";
import { withRegistry } from "../registry/with-registry";
import type { Dataset } from "../data";
import { findEvaluator, scoreGenerator } from "../quality/score-generator";
import { describeInstalledEvaluator, describeQuality } from "../quality/describe-quality";
import { describeClassAccuracy } from "../quality/describe-class-accuracy";
import type { LayersModel } from "@tensorflow/tfjs-layers";

export interface TrainCommandFlags extends TrainFlags {
  registry: string;
  runs?: string;
  resume?: string;
  cacheDir?: string;
}

/** Exit code of a run stopped by Ctrl-C, as shells report SIGINT. */
const INTERRUPTED_EXIT_CODE = 130;

export async function trainCommand(flags: TrainCommandFlags, explicit: Set<string>): Promise<number> {
  const location = flags.registry;
  // A registry that is a file, read-only or unreachable is named now, not after the training it would lose.
  await withRegistry(location, (registry) => registry.checkWritable());
  const runsRoot = flags.runs ?? defaultRunsRoot(location);
  const resumed = flags.resume ? await resumeRun(runsRoot, flags.resume, flags, explicit) : undefined;
  const requested = resumed?.options ?? resolveTrainOptions(flags);

  const backend = await selectBackend(requested.backend);
  for (const reason of backend.reasons) console.log(`backend: ${reason}`);

  const { imageSize, channels } = requested.config;
  console.log(`data: loading ${requested.data} at ${imageSize}x${imageSize}`);
  const dataset = await loadDataset(requested.data, {
    cacheDir: flags.cacheDir ?? defaultCacheDir(),
    dataDir: requested.dataDir,
    imageSize,
    channels,
    onProgress: downloadLogger(),
    log: console.log,
  });
  const options = withDatasetClasses(requested, dataset);
  console.log(
    `data: ${dataset.count} training images, ${dataset.heldOut.count} held out (sha256 ${dataset.contentHash.slice(0, 12)})`,
  );
  checkBatchFits(dataset, options.batchSize);
  if (options.config.numClasses !== undefined) {
    console.log(`data: conditional on ${options.config.numClasses} classes (${dataset.classNames!.join(", ")})`);
  }
  // Every input is checked: only now is anything written.
  const { runDir, resumedFrom } = resumed ?? (await newRun(runsRoot, options));
  console.log(`run: ${runDir}`);

  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      // A second Ctrl-C: leave now. Every file is written atomically, so nothing is left half-written.
      process.exit(INTERRUPTED_EXIT_CODE);
    }
    console.log("\nStopping after the current step to write a checkpoint (Ctrl-C again to quit at once)...");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  let result;
  try {
    result = await runTraining({
      options,
      dataset,
      runDir,
      signal: controller.signal,
      createReporter: (startStep, totalSteps) => createProgressReporter({ startStep, totalSteps }),
    });
  } finally {
    process.off("SIGINT", onSigint);
  }

  if (result.outcome.kind === "interrupted") {
    console.log(`Interrupted at step ${result.outcome.globalStep}; checkpoint saved. Continue with:`);
    console.log(`  pnpm --filter @ganvas/trainer start train --registry ${location} --resume ${runDir}`);
    result.trainer.dispose();
    return INTERRUPTED_EXIT_CODE;
  }

  const version = await withRegistry(location, async (registry) => {
    const quality = await scoreIfPossible(registry, dataset, options, result.trainer.samplingGenerator());
    return publishRun({
      registry,
      options,
      dataset,
      run: result,
      backend: backend.name,
      device: backend.device,
      resumedFrom,
      quality,
    });
  });
  result.trainer.dispose();
  console.log(
    `Published ${version.name}@${version.version} (${result.outcome.globalStep} steps, ${result.wallTimeSeconds.toFixed(0)} s) to ${location}`,
  );
  console.log(`  stored: ${version.dir}`);
  console.log(`  view it: pnpm --filter @ganvas/viewer dev  (GANVAS_REGISTRY=${location})`);
  return 0;
}

async function newRun(runsRoot: string, options: TrainOptions) {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const runDir = join(runsRoot, `${options.name}-${stamp}-${process.pid}`);
  await mkdir(runDir, { recursive: true });
  await writeFile(join(runDir, "run.json"), JSON.stringify({ createdAt: new Date().toISOString(), options }, null, 2));
  return { runDir, options, resumedFrom: null };
}

/** Flags that may change on resume; everything else is fixed by the run's own run.json. */
const RESUMABLE_FLAGS = ["epochs", "maxSteps", "maxMinutes", "backend"] as const;

async function resumeRun(runsRoot: string, run: string, flags: TrainCommandFlags, explicit: Set<string>) {
  const runDir = isAbsolute(run) || run.includes("/") ? userPath(run) : join(runsRoot, run);
  let saved: { options: TrainOptions };
  try {
    saved = JSON.parse(await readFile(join(runDir, "run.json"), "utf8")) as { options: TrainOptions };
  } catch {
    throw new UserError(
      `--resume ${run}: no run.json in ${runDir}. Pass a run folder printed by an earlier \`train\` (they live in ${runsRoot}).`,
    );
  }
  const options: TrainOptions = { ...saved.options };
  for (const key of RESUMABLE_FLAGS) {
    if (explicit.has(key)) Object.assign(options, { [key]: flags[key] });
  }
  return { runDir, options, resumedFrom: basename(runDir) };
}

function downloadLogger() {
  let lastLogged = 0;
  return (p: { file: string; loaded: number; total: number | null }) => {
    const now = Date.now();
    if (now - lastLogged < 2000 && p.loaded !== p.total) return;
    lastLogged = now;
    const total = p.total ? ` of ${(p.total / 1e6).toFixed(1)} MB` : "";
    console.log(`data: downloading ${p.file}: ${(p.loaded / 1e6).toFixed(1)} MB${total}`);
  };
}

/** Scores the generator when an evaluator for this data set exists; otherwise says how to get one. */
async function scoreIfPossible(registry: Registry, dataset: Dataset, options: TrainOptions, generator: LayersModel) {
  const { imageSize, channels } = options.config;
  if (dataset.heldOut.count < 2) return null;
  const evaluator = await findEvaluator(registry, dataset.name, imageSize, channels);
  if (!evaluator) {
    console.log(
      `No quality score: train an evaluator once with \`pnpm --filter trainer start train-evaluator --data ${options.data} --image-size ${imageSize}\`.`,
    );
    return null;
  }
  if (evaluator.installedFromShipped) console.log(describeInstalledEvaluator(evaluator));
  const quality = await scoreGenerator({ registry, generator, model: options.config, evaluator, dataset });
  console.log(`quality: ${describeQuality(quality, dataset.classNames)}`);
  if (quality.classAccuracy)
    console.log(`quality: ${describeClassAccuracy(quality.classAccuracy, dataset.classNames)}`);
  return quality;
}
