// Child-process worker: images per second of a generator in inference mode on one backend.
import * as tf from "@tensorflow/tfjs-core";
import { buildGenerator, PRESETS, sampleLatent } from "@ganvas/core";
import { serveChild } from "./child-worker";
import { activateBackend } from "./node-backend";
import type { NodeBackend, Outcome, PresetName, Timing } from "./results";
import { timeRepeatedly } from "./timed-loop";

export type GenerationRequest = { backend: NodeBackend; preset: PresetName; batchSize: number; warmup: number; repeats: number };
export type GenerationResult = Outcome<Timing & { imagesPerSecond: number }>;

async function measureGeneration(request: GenerationRequest): Promise<GenerationResult> {
  const activation = await activateBackend(request.backend);
  if (!activation.ok) return { status: "unavailable", reason: activation.reason };
  const { config } = PRESETS[request.preset];
  const generator = buildGenerator(config, 1);
  const z = tf.tensor2d(sampleLatent(1, request.batchSize, config.zDim), [request.batchSize, config.zDim]);
  const timing = await timeRepeatedly(`generate ${request.backend}/${request.preset}`, request, async () => {
    const images = generator.predict(z) as tf.Tensor; // predict() = inference mode (batch norm uses moving stats)
    await images.data(); // wait for the values, as a caller that shows the images must
    images.dispose();
  });
  z.dispose();
  generator.dispose();
  return { status: "ok", ...timing, imagesPerSecond: (request.batchSize * 1000) / timing.medianMs };
}

serveChild(measureGeneration);
