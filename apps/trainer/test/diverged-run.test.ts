import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { registerTrainingKernels } from "@ganvas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckpointStore } from "../src/checkpoint/checkpoint-store";
import type { Dataset } from "../src/data";
import { createProgressReporter } from "../src/progress/progress-reporter";
import { NonFiniteLossError, runTraining } from "../src/training/run-training";
import { resolveTrainOptions } from "../src/training/train-options";

let root: string;
beforeAll(async () => {
  await tf.setBackend("cpu");
  registerTrainingKernels("cpu");
  root = await mkdtemp(join(tmpdir(), "ganvas-nan-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function syntheticDataset(size: number, count: number, fill: (i: number) => number): Dataset {
  const images = Float32Array.from({ length: count * size * size }, (_, i) => fill(i));
  return {
    name: "synthetic",
    count,
    imageSize: size,
    channels: 1,
    contentHash: "0".repeat(64),
    images,
    heldOut: { count: 0, images: new Float32Array(0) },
  };
}

describe("a run whose loss stops being finite", () => {
  it("stops with a clear error and keeps the last good checkpoint", async () => {
    const options = {
      ...resolveTrainOptions({ data: "synthetic", preset: "tiny", seed: 3, backend: "cpu" }),
      epochs: 1,
    };
    const size = options.config.imageSize;
    const count = options.batchSize * 2;
    const runDir = join(root, "run");
    const quiet = () => createProgressReporter({ startStep: 0, totalSteps: 1, interactive: false });
    const silence = { log: () => {}, step: () => {}, stop: () => {} };

    const good = await runTraining({
      options,
      dataset: syntheticDataset(size, count, (i) => Math.sin(i) * 0.9),
      runDir,
      signal: new AbortController().signal,
      createReporter: () => silence,
    });
    expect(good.outcome).toEqual({ kind: "completed", globalStep: 2, reason: "epochs" });
    good.trainer.dispose();

    // The next epoch sees NaN pixels: D's loss on the real batch is NaN at once.
    const poisoned = syntheticDataset(size, count, () => Number.NaN);
    const failure = runTraining({
      options: { ...options, epochs: 2 },
      dataset: poisoned,
      runDir,
      signal: new AbortController().signal,
      createReporter: quiet,
    });
    await expect(failure).rejects.toBeInstanceOf(NonFiniteLossError);
    await expect(failure).rejects.toThrow(/diverged at step 3.*last good checkpoint is kept/s);

    const pointer = JSON.parse(await readFile(join(runDir, "checkpoint.json"), "utf8")) as { globalStep: number };
    expect(pointer.globalStep).toBe(2);
    const checkpoint = await new CheckpointStore(runDir).load();
    expect(checkpoint.state.globalStep).toBe(2);
    const weights = new Float32Array(checkpoint.generator.weights.buffer);
    expect(weights.every(Number.isFinite)).toBe(true);
    tf.dispose([...checkpoint.optimizer.generator, ...checkpoint.optimizer.discriminator].map((n) => n.tensor));
  });
});
