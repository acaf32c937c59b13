import type * as tfl from "@tensorflow/tfjs-layers";
import type { Registry, VersionRecord } from "@ganvas/registry";
import { deserializeLayersModel, WEIGHTS_FILE } from "@ganvas/core";

/**
 * Loads the layers model (generator or evaluator) a registry version stores as model.json + weights.bin.
 * Both files are checked against the manifest's sha256 first: damaged weights are refused, never sampled.
 */
export async function loadVersionModel(registry: Registry, record: VersionRecord): Promise<tfl.LayersModel> {
  const topology = await registry.readFile(record.name, record.version, "model.json");
  const weights = await registry.readFile(record.name, record.version, WEIGHTS_FILE);
  return deserializeLayersModel({ modelJson: Buffer.from(topology.bytes).toString("utf8"), weights: weights.bytes });
}
