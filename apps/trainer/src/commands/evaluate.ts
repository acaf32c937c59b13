import type { Registry } from "@ganvas/registry";
import { selectBackend, type BackendChoice } from "../backend/select-backend";
import { loadDataset } from "../data";
import { UserError } from "../errors";
import { loadVersionModel } from "../model-io/load-version-model";
import { defaultCacheDir } from "../paths";
import { evaluatorModelName } from "../registry/model-names";
import { withRegistry } from "../registry/with-registry";
import { findEvaluator, scoreGenerator } from "../quality/score-generator";
import { describeClassAccuracy } from "../quality/describe-class-accuracy";
import { describeInstalledEvaluator, describeQuality } from "../quality/describe-quality";

export interface EvaluateFlags {
  registry: string;
  backend: BackendChoice;
  cacheDir?: string;
  dataDir?: string;
  all?: boolean;
}

/** Computes the quality score of published versions and records it in their manifests. */
export async function evaluateCommand(ref: string, flags: EvaluateFlags): Promise<void> {
  await withRegistry(flags.registry, (registry) => evaluateVersions(registry, ref, flags));
}

async function evaluateVersions(registry: Registry, ref: string, flags: EvaluateFlags): Promise<void> {
  const first = await registry.resolve(ref);
  const records = flags.all ? await registry.listVersions(first.name) : [first];
  await selectBackend(flags.backend);
  for (const record of records) {
    const model = record.manifest.model;
    if (model.architecture !== "dcgan") throw new UserError(`${record.name} is an evaluator; pass a generator model.`);
    const evaluator = await findEvaluator(registry, record.manifest.dataset.name, model.imageSize, model.channels);
    if (evaluator?.installedFromShipped) console.log(describeInstalledEvaluator(evaluator));
    if (!evaluator) {
      throw new UserError(
        `No evaluator ${evaluatorModelName(record.manifest.dataset.name, model.imageSize, model.channels)} in the registry yet. ` +
          `Train one: pnpm --filter trainer start train-evaluator --data ${record.manifest.dataset.name} --image-size ${model.imageSize}`,
      );
    }
    const dataset = await loadDataset(record.manifest.dataset.name, {
      cacheDir: flags.cacheDir ?? defaultCacheDir(),
      dataDir: flags.dataDir,
      imageSize: model.imageSize,
      channels: model.channels,
      log: console.log,
    });
    const generator = await loadVersionModel(registry, record);
    try {
      const quality = await scoreGenerator({ registry, generator, model, evaluator, dataset });
      await registry.setQuality(record.name, record.version, quality);
      console.log(`${record.name}@${record.version}: ${describeQuality(quality, dataset.classNames)}`);
      if (quality.classAccuracy) console.log(`  ${describeClassAccuracy(quality.classAccuracy, dataset.classNames)}`);
    } finally {
      generator.dispose();
    }
  }
}
