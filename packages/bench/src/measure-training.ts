// Child-process worker: median time of one DcganTrainer step on one backend and preset.
import * as tf from "@tensorflow/tfjs-core";
import { DcganTrainer, PRESETS } from "@ganvas/core";
import { serveChild } from "./child-worker";
import { activateBackend } from "./node-backend";
import type { NodeBackend, NodeMeasurement, PresetName, Timing } from "./results";
import { timeRepeatedly } from "./timed-loop";

/** skipOnSoftwareAdapter: why not to measure when webgpu finds only a software adapter (known only once started). */
export type TrainingRequest = {
  backend: NodeBackend;
  /** `tiny` only for the browser comparison (browser-speed.ts); the step tables cover fast and tutorial. */
  preset: PresetName | "tiny";
  warmup: number;
  steps: number;
  seed: number;
  skipOnSoftwareAdapter?: string;
};

async function measureTraining(request: TrainingRequest): Promise<NodeMeasurement<Timing>> {
  const activation = await activateBackend(request.backend);
  if (!activation.ok) return { status: "unavailable", reason: activation.reason };
  const { adapter } = activation;
  if (adapter?.software && request.skipOnSoftwareAdapter !== undefined)
    return { status: "skipped", reason: request.skipOnSoftwareAdapter, adapter };
  const { config, batchSize } = PRESETS[request.preset];
  const trainer = new DcganTrainer({ config, seed: request.seed });
  // The data does not change the arithmetic: a fixed random batch in the generator's [-1, 1] range.
  const shape: [number, number, number, number] = [batchSize, config.imageSize, config.imageSize, config.channels];
  const real = tf.randomUniform(shape, -1, 1, "float32", request.seed) as tf.Tensor4D;
  const timing = await timeRepeatedly(
    `train ${request.backend}/${request.preset}`,
    { warmup: request.warmup, repeats: request.steps },
    // step() resolves with the losses read back as numbers, so the step has finished when it resolves.
    () => trainer.step(real),
  );
  real.dispose();
  trainer.dispose();
  return { status: "ok", ...timing, adapter };
}

serveChild(measureTraining);
