import { resolve } from "node:path";
import type { Registry } from "@ganvas/registry";
import { selectBackend, type BackendChoice } from "../backend/select-backend";
import { UserError } from "../errors";
import { assertWholeNumber, RANGES } from "../option-ranges";
import { checkOutputFile, writeOutputFile } from "../validate-paths";
import { renderSampleGrid } from "../images/sample-grid";
import { gridInput } from "../images/grid-input";
import { loadVersionModel } from "../model-io/load-version-model";
import { withRegistry } from "../registry/with-registry";

export interface SampleFlags {
  registry: string;
  seed: number;
  count: number;
  out: string;
  backend: BackendChoice;
  /** A conditional generator's class to draw (else one row per class). */
  class?: number;
}

/**
 * Writes a PNG grid of `count` images that a published generator draws from seeded noise; a conditional one
 * draws them all of `--class`, or without it one row per class on shared noise.
 */
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
  checkClass(flags.class, model.numClasses, `${record.name}@${record.version}`);
  await selectBackend(flags.backend);
  const generator = await loadVersionModel(registry, record);
  const { input, columns } = gridInput(model, flags.seed, flags.count, flags.class);
  const png = await renderSampleGrid(generator, input, columns);
  const drawn = input.shape[0];
  input.dispose();
  generator.dispose();
  await writeOutputFile("--out", out, png);
  const what =
    model.numClasses === undefined
      ? ""
      : flags.class === undefined
        ? `, one row per class (${model.numClasses})`
        : `, class ${flags.class}`;
  console.log(`Wrote ${drawn} samples of ${record.name}@${record.version} (seed ${flags.seed}${what}) to ${out}`);
}

function checkClass(label: number | undefined, numClasses: number | undefined, version: string): void {
  if (label === undefined) return;
  if (numClasses === undefined) {
    throw new UserError(`--class ${label}: ${version} is not class-conditional (train one with --conditional).`);
  }
  if (label >= numClasses) {
    throw new UserError(`--class ${label}: ${version} draws classes 0 to ${numClasses - 1}.`);
  }
}
