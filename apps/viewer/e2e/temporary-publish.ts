// TEMPORARY, until the trainer CLI runs: publishes an untrained tiny generator through @ganvas/registry
// with the file set the trainer writes (model.json, weights.bin, samples.png, losses.json).
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-wasm";
import { buildGenerator, sampleLatent, toImageGrid } from "@ganvas/core";
import { Registry } from "@ganvas/registry";
import { encodePng } from "../../trainer/src/images/png";
import { serializeLayersModel } from "../../trainer/src/model-io/layers-artifacts";

const config = { imageSize: 16, channels: 1 as const, zDim: 16, generatorWidth: 8, discriminatorWidth: 8 };

export async function temporaryPublish(registryRoot: string, name: string, seed: number): Promise<void> {
  await tf.setBackend("wasm");
  const generator = buildGenerator(config, seed);
  const files = await serializeLayersModel(generator);
  const images = tf.tidy(() => generator.predict(tf.tensor2d(sampleLatent(seed, 16, config.zDim), [16, config.zDim])) as tf.Tensor4D);
  const grid = await toImageGrid(images, 4);
  images.dispose();
  generator.dispose();
  const losses = [1, 2, 3, 4, 5, 6].map((step) => ({ step, dLoss: 1.4 - step * 0.05 * seed, gLoss: 0.7 + step * 0.03 }));
  await new Registry(registryRoot).publish({
    name,
    manifest: {
      model: { architecture: "dcgan", ...config },
      dataset: { name: "mnist-embedded", count: 64, contentHash: "0".repeat(64) },
      training: { preset: "tiny", epochs: 1, steps: 6, batchSize: 8, learningRate: 0.0002, seed, backend: "wasm", wallTimeSeconds: 1, gitCommit: null },
      metrics: { finalDLoss: 1.1, finalGLoss: 0.9, quality: null },
      lineage: { resumedFrom: null, fineTunedFrom: null },
    },
    files: [
      { path: "model.json", role: "generator-topology", data: files.modelJson },
      { path: "weights.bin", role: "generator-weights", data: files.weights },
      { path: "samples.png", role: "samples", data: new Uint8Array(encodePng(grid)) },
      { path: "losses.json", role: "losses", data: JSON.stringify(losses) },
    ],
  });
}
