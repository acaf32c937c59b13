import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { buildGenerator, type DcganConfig } from "@ganvas/core";
import { useCpuBackend } from "./parent-backend";

const WEIGHTS_FILE = "weights.bin";

/**
 * Writes core's generator (untrained weights: timing does not depend on them) as `model.json` plus one
 * weights shard, the layers format a browser loads with `tf.loadLayersModel(url)`.
 */
export async function saveGenerator(config: DcganConfig, directory: string): Promise<void> {
  await useCpuBackend();
  await mkdir(directory, { recursive: true });
  const generator = buildGenerator(config, 1);
  await generator.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (artifacts.weightData === undefined || artifacts.weightSpecs === undefined) {
        throw new Error("tfjs gave the generator's topology without its weights; cannot save it for the browser.");
      }
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(directory, "model.json"), JSON.stringify(modelJson));
      await writeFile(
        join(directory, WEIGHTS_FILE),
        new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)),
      );
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  generator.dispose();
}
