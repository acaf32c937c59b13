import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { buildGenerator, PRESETS, serializeLayersModel, WEIGHTS_FILE } from "@ganvas/core";
import type { Registry, VersionRecord } from "@ganvas/registry";

/**
 * Publishes an untrained generator of the tiny preset straight through @ganvas/registry: a real version
 * that `sample` can load, without spending a training run on it.
 */
export async function publishTinyGenerator(registry: Registry, name: string, seed: number): Promise<VersionRecord> {
  await tf.setBackend("cpu");
  const { config } = PRESETS.tiny;
  const generator = buildGenerator(config, seed);
  const files = await serializeLayersModel(generator);
  generator.dispose();
  return registry.publish({
    name,
    manifest: {
      model: { architecture: "dcgan", ...config },
      dataset: { name: "mnist-embedded", count: 8995, contentHash: "sha256:fixture" },
      training: {
        preset: "tiny",
        epochs: 0,
        steps: 0,
        batchSize: 16,
        learningRate: 0.0002,
        seed,
        backend: "cpu",
        wallTimeSeconds: 0,
        gitCommit: null,
      },
      metrics: { finalDLoss: null, finalGLoss: null, quality: null },
      lineage: { resumedFrom: null, fineTunedFrom: null },
    },
    files: [
      { path: "model.json", role: "generator-topology", data: files.modelJson },
      { path: WEIGHTS_FILE, role: "generator-weights", data: files.weights },
    ],
  });
}
