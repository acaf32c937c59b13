import { selectBackend, type BackendChoice } from "../backend/select-backend";
import { loadDataset } from "../data";
import { UserError } from "../errors";
import { readImageFile } from "../images/image-file";
import { defaultCacheDir } from "../paths";
import { describeInstalledEvaluator } from "../quality/describe-quality";
import { findEvaluator, scoreImages, scoreSampleCount } from "../quality/score-generator";
import { evaluatorModelName } from "../registry/model-names";
import { withRegistry } from "../registry/with-registry";

export interface ScoreSamplesFlags {
  data: string;
  dataDir?: string;
  cacheDir?: string;
  samples: string;
  registry: string;
  backend: BackendChoice;
}

/**
 * Scores an image file of generated images (another framework's, say) with the evaluator and the code that
 * score published versions, and prints the score as one JSON object on stdout (everything else goes to stderr).
 */
export async function scoreSamplesCommand(flags: ScoreSamplesFlags): Promise<void> {
  const { header, images } = await readImageFile(flags.samples);
  if (header.dataset !== undefined && header.dataset !== flags.data) {
    throw new UserError(
      `${flags.samples} holds images of ${header.dataset}, not of ${flags.data}: pass --data ${header.dataset}.`,
    );
  }
  const shape = { imageSize: header.height, channels: header.channels };
  await selectBackend(flags.backend);
  const dataset = await loadDataset(flags.data, {
    cacheDir: flags.cacheDir ?? defaultCacheDir(),
    dataDir: flags.dataDir,
    ...shape,
    log: console.error,
  });
  const needed = scoreSampleCount(dataset);
  if (header.count < needed) {
    throw new UserError(
      `${flags.samples} holds ${header.count} images; a score needs ${needed}, as many as ${dataset.name}'s held-out images.`,
    );
  }
  const quality = await withRegistry(flags.registry, async (registry) => {
    const evaluator = await findEvaluator(registry, dataset.name, shape.imageSize, shape.channels);
    if (!evaluator) {
      throw new UserError(
        `No evaluator ${evaluatorModelName(dataset.name, shape.imageSize, shape.channels)} in the registry yet. ` +
          `Train one: pnpm --filter trainer start train-evaluator --data ${dataset.name} --image-size ${shape.imageSize}`,
      );
    }
    if (evaluator.installedFromShipped) console.error(describeInstalledEvaluator(evaluator));
    return scoreImages({ registry, images, shape, evaluator, dataset });
  });
  const { value, realDataFloor, classHistogram, samples, evaluator } = quality;
  console.log(
    JSON.stringify({ score: value, realDataFloor: realDataFloor ?? null, classHistogram, samples, evaluator }),
  );
}
