// `pnpm bench -- --quality`: the PyTorch reference and Ganvas train the same network on the same digits for the
// same wall-clock budget; the project's evaluator scores both sample sets.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DcganConfig } from "@ganvas/core";
import { Registry, type Manifest } from "@ganvas/registry";
import { shapeArgs } from "./pytorch-args";
import { runPython, TRAIN_SCRIPT, type TorchPython } from "./pytorch-reference";
import type { QualityResults, QualityRun } from "./quality-results";
import { runTrainerCli } from "./trainer-cli";

/** What Ganvas trains on: its default data set, exported once for PyTorch. */
const DATA = "mnist-embedded";
/** Ganvas's backend here: the fastest on these CPUs (see the speed bench). */
const GANVAS_BACKEND = "onnxruntime";

export interface QualityComparisonOptions {
  budgetMinutes: number;
  seeds: number[];
  /** PyTorch's CPU threads (2 by default: both cores, as the onnxruntime backend uses them). */
  pytorchThreads: number;
  timeoutMs: number;
  /** Told what is happening (stderr). */
  log: (line: string) => void;
}

/** Score fields as `score-samples` prints them, and as the manifest's quality carries them. */
interface Scored {
  score: number;
  realDataFloor: number | null;
  classHistogram: number[];
  samples: number;
  evaluator: string;
}

/** What the PyTorch side needs to build Ganvas's network and read its data. */
interface Shared {
  dataFile: string;
  pytorchShape: string[];
}

export async function compareQuality(
  torch: Extract<TorchPython, { ok: true }>,
  options: QualityComparisonOptions,
): Promise<Omit<QualityResults, "startedAt" | "finishedAt" | "machine">> {
  const scratch = await mkdtemp(join(tmpdir(), "ganvas-quality-bench-"));
  const registryDir = join(scratch, "registry");
  const logDir = join(scratch, "logs");
  await mkdir(logDir);
  const runs: QualityRun[] = [];
  const notes: string[] = [];
  let shared: Shared | undefined;
  try {
    for (const seed of options.seeds) {
      options.log(
        `Ganvas, seed ${seed}: train --max-minutes ${options.budgetMinutes} (default preset, ${GANVAS_BACKEND})`,
      );
      const ganvas = await trainGanvas(seed, registryDir, logDir, options);
      if (ganvas.scoredNow) notes.push(ganvas.scoredNow);
      runs.push(ganvas.run);
      shared ??= await exportData(ganvas.manifest, scratch, logDir, options);
      options.log(`PyTorch, seed ${seed}: dcgan_train.py for ${Math.round(options.budgetMinutes * 60)} s`);
      runs.push(await trainPytorch(torch, seed, shared, registryDir, logDir, options));
    }
    const evaluators = [...new Set(runs.map((run) => run.evaluator))];
    const [evaluator] = evaluators;
    if (evaluator === undefined || evaluators.length !== 1)
      throw new Error(`the runs were scored by different evaluators: ${evaluators.join(", ")}`);
    return {
      budgetMinutes: options.budgetMinutes,
      seeds: options.seeds,
      data: DATA,
      ganvasBackend: GANVAS_BACKEND,
      pytorch: { torchVersion: torch.torchVersion, blas: torch.blas, threads: options.pytorchThreads },
      evaluator,
      runs,
      notes,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** One `train --max-minutes` into the scratch registry; the score is the one the version was published with. */
async function trainGanvas(seed: number, registryDir: string, logDir: string, options: QualityComparisonOptions) {
  const name = `quality-seed-${seed}`;
  const started = performance.now();
  await runTrainerCli(
    [
      ...["train", "--registry", registryDir, "--name", name, "--seed", String(seed)],
      ...["--backend", GANVAS_BACKEND, "--max-minutes", String(options.budgetMinutes)],
    ],
    join(logDir, `${name}.log`),
    options.timeoutMs,
  );
  const commandSeconds = (performance.now() - started) / 1000;
  const registry = new Registry(registryDir);
  let { manifest } = await registry.resolve(name);
  let scoredNow: string | undefined;
  if (!manifest.metrics.quality) {
    // No evaluator ships for this size yet: train one into the scratch registry, once, and score the version.
    scoredNow = await trainEvaluator(manifest, registryDir, logDir, options);
    await runTrainerCli(
      ["evaluate", name, "--registry", registryDir, "--backend", GANVAS_BACKEND],
      join(logDir, `${name}-evaluate.log`),
      options.timeoutMs,
    );
    manifest = (await registry.resolve(name)).manifest;
  }
  const quality = manifest.metrics.quality;
  if (!quality) throw new Error(`${name} has no score after evaluate`);
  const run: QualityRun = {
    side: "Ganvas",
    seed,
    steps: manifest.training.steps,
    trainingSeconds: manifest.training.wallTimeSeconds,
    commandSeconds,
    score: quality.value,
    realDataFloor: quality.realDataFloor ?? null,
    classHistogram: quality.classHistogram,
    samples: quality.samples,
    evaluator: quality.evaluator,
  };
  return { run, manifest, scoredNow };
}

async function trainEvaluator(
  manifest: Manifest,
  registryDir: string,
  logDir: string,
  options: QualityComparisonOptions,
) {
  const size = String(manifest.model.imageSize);
  const note = `No evaluator ships for ${DATA} at ${size}x${size}: the bench trained one (train-evaluator, defaults) into its scratch registry; both sides are scored by it.`;
  options.log(note);
  await runTrainerCli(
    ["train-evaluator", "--data", DATA, "--image-size", size, "--registry", registryDir, "--backend", GANVAS_BACKEND],
    join(logDir, "train-evaluator.log"),
    options.timeoutMs,
  );
  return note;
}

/**
 * Exports the training digits once, at the size Ganvas trained at, and reads the network off its manifest: the
 * PyTorch side trains what `train` trained, whatever the default preset is. The export's hash must be the
 * published one: the same pixels on both sides.
 */
async function exportData(
  manifest: Manifest,
  scratch: string,
  logDir: string,
  options: QualityComparisonOptions,
): Promise<Shared> {
  const model = manifest.model;
  if (model.architecture !== "dcgan") throw new Error(`${manifest.name} is not a DCGAN`);
  const dataFile = join(scratch, "digits.bin");
  const printed = await runTrainerCli(
    ["export-data", "--data", DATA, "--image-size", String(model.imageSize), "--out", dataFile],
    join(logDir, "export-data.log"),
    options.timeoutMs,
  );
  if (!printed.includes(`(sha256 ${manifest.dataset.contentHash.slice(0, 12)})`)) {
    throw new Error(
      `export-data wrote other images than Ganvas trained on (${manifest.dataset.contentHash}): ${printed}`,
    );
  }
  const config: DcganConfig = {
    imageSize: model.imageSize,
    channels: model.channels,
    zDim: model.zDim,
    generatorWidth: model.generatorWidth,
    discriminatorWidth: model.discriminatorWidth,
  };
  return { dataFile, pytorchShape: await shapeArgs(config, manifest.training.batchSize) };
}

/** dcgan_train.py for the budget, then its samples scored by `score-samples` against the same evaluator. */
async function trainPytorch(
  torch: Extract<TorchPython, { ok: true }>,
  seed: number,
  shared: Shared,
  registryDir: string,
  logDir: string,
  options: QualityComparisonOptions,
): Promise<QualityRun> {
  const samplesFile = join(logDir, `pytorch-seed-${seed}.bin`);
  const started = performance.now();
  const printed = await runPython(
    torch.python,
    [
      ...["--data", shared.dataFile, "--budget-seconds", String(options.budgetMinutes * 60)],
      ...shared.pytorchShape,
      ...["--samples", "1005", "--out", samplesFile, "--seed", String(seed)],
      ...["--threads", String(options.pytorchThreads)],
    ],
    options.timeoutMs,
    options.pytorchThreads,
    TRAIN_SCRIPT,
  );
  const commandSeconds = (performance.now() - started) / 1000;
  const trained = JSON.parse(printed) as { steps: number; trainingSeconds: number };
  const scored = JSON.parse(
    await runTrainerCli(
      [
        "score-samples",
        "--data",
        DATA,
        "--samples",
        samplesFile,
        "--registry",
        registryDir,
        "--backend",
        GANVAS_BACKEND,
      ],
      join(logDir, `pytorch-seed-${seed}-score.log`),
      options.timeoutMs,
    ),
  ) as Scored;
  return {
    side: "PyTorch",
    seed,
    steps: trained.steps,
    trainingSeconds: trained.trainingSeconds,
    commandSeconds,
    score: scored.score,
    realDataFloor: scored.realDataFloor,
    classHistogram: scored.classHistogram,
    samples: scored.samples,
    evaluator: scored.evaluator,
  };
}
