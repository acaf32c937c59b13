import { resolve } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { sampleLatent } from "@ganvas/core";
import type { Registry } from "@ganvas/registry";
import { selectBackend, type BackendChoice } from "../backend/select-backend";
import { UserError } from "../errors";
import { assertWholeNumber, RANGES } from "../option-ranges";
import { checkOutputFile, writeOutputFile } from "../validate-paths";
import { renderSampleGrid } from "../images/sample-grid";
import { loadVersionModel } from "../model-io/load-version-model";
import { withRegistry } from "../registry/with-registry";

export interface SampleFlags {
  registry: string;
  seed: number;
  count: number;
  out: string;
  backend: BackendChoice;
}

/** Writes a PNG grid of `count` images that a published generator draws from seeded noise. */
export async function sampleCommand(ref: string, flags: SampleFlags): Promise<void> {
  assertWholeNumber("--count", flags.count, RANGES.count);
  const out = resolve(flags.out);
  await checkOutputFile("--out", out);
  await withRegistry(flags.registry, (registry) => writeSamples(registry, ref, out, flags));
}

async function writeSamples(registry: Registry, ref: string, out: string, flags: SampleFlags): Promise<void> {
  const record = await registry.resolve(ref);
  const model = record.manifest.model;
  if (model.architecture !== "dcgan") {
    throw new UserError(
      `${record.name}@${record.version} is a ${model.architecture}, not a generator: pass a DCGAN model.`,
    );
  }
  await selectBackend(flags.backend);
  const generator = await loadVersionModel(registry, record);
  const { zDim } = model;
  const noise = tf.tensor2d(sampleLatent(flags.seed, flags.count, zDim), [flags.count, zDim]);
  const png = await renderSampleGrid(generator, noise);
  noise.dispose();
  generator.dispose();
  await writeOutputFile("--out", out, png);
  console.log(`Wrote ${flags.count} samples of ${record.name}@${record.version} (seed ${flags.seed}) to ${out}`);
}
