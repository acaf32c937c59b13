// Child-process worker: images per second of a generator in inference mode on one backend.
import * as tf from "@tensorflow/tfjs-core";
import { buildGenerator, PRESETS, sampleLatent } from "@ganvas/core";
import { serveChild } from "./child-worker";
import { activateBackend } from "./node-backend";
import type { NodeBackend, NodeMeasurement, PresetName, Timing } from "./results";
import { timeRepeatedly } from "./timed-loop";

/** skipOnSoftwareAdapter: why not to measure when webgpu finds only a software adapter (known only once started). */
export type GenerationRequest = {
  backend: NodeBackend;
  preset: PresetName;
  batchSize: number;
  warmup: number;
  repeats: number;
  skipOnSoftwareAdapter?: string;
};
export type GenerationResult = NodeMeasurement<Timing & { imagesPerSecond: number }>;

async function measureGeneration(request: GenerationRequest): Promise<GenerationResult> {
  const activation = await activateBackend(request.backend);
  if (!activation.ok) return { status: "unavailable", reason: activation.reason };
  const { adapter } = activation;
  if (adapter?.software && request.skipOnSoftwareAdapter !== undefined)
    return { status: "skipped", reason: request.skipOnSoftwareAdapter, adapter };
  const { config } = PRESETS[request.preset];
  const generator = buildGenerator(config, 1);
  const z = tf.tensor2d(sampleLatent(1, request.batchSize, config.zDim), [request.batchSize, config.zDim]);
  const timing = await timeRepeatedly(`generate ${request.backend}/${request.preset}`, request, async () => {
    const images = generator.predict(z) as tf.Tensor; // predict() = inference mode (batch norm uses moving stats)
    await images.data(); // wait for the values, as a caller that shows the images must (webgpu has no dataSync in Node)
    images.dispose();
  });
  z.dispose();
  generator.dispose();
  return { status: "ok", ...timing, imagesPerSecond: (request.batchSize * 1000) / timing.medianMs, adapter };
}

serveChild(measureGeneration);
