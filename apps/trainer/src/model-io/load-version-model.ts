import { readFile } from "node:fs/promises";
import type * as tfl from "@tensorflow/tfjs-layers";
import type { Registry, VersionRecord } from "@ganvas/registry";
import { deserializeLayersModel, WEIGHTS_FILE } from "./layers-artifacts";

/** Loads the layers model (generator or evaluator) a registry version stores as model.json + weights.bin. */
export async function loadVersionModel(registry: Registry, record: VersionRecord): Promise<tfl.LayersModel> {
  const topology = await registry.resolveFile(record.name, record.version, "model.json");
  const weights = await registry.resolveFile(record.name, record.version, WEIGHTS_FILE);
  return deserializeLayersModel({
    modelJson: await readFile(topology.absolutePath, "utf8"),
    weights: new Uint8Array(await readFile(weights.absolutePath)),
  });
}
