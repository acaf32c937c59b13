import * as tf from "@tensorflow/tfjs-core";
import type * as tfl from "@tensorflow/tfjs-layers";
import { sampleLatent } from "@ganvas/core";
import { evaluatorFeatureModel, qualityScore } from "@ganvas/quality";
import { isRegistryError, type Quality, type Registry, type VersionRecord } from "@ganvas/registry";
import type { Dataset } from "../data";
import { loadVersionModel } from "../model-io/load-version-model";
import { evaluatorModelName } from "../registry/model-names";

/** The most real images a score compares against (all held-out ones when there are fewer). */
const MAX_SCORE_SAMPLES = 5000;
/** Generated samples for scoring come from this seed, so re-scoring a version gives the same value. */
const SCORE_SEED = 20_151_119;
const BATCH = 256;

/** The latest evaluator trained for this data set and geometry, or undefined when there is none yet. */
export async function findEvaluator(
  registry: Registry,
  dataset: string,
  imageSize: number,
  channels: 1 | 3,
): Promise<VersionRecord | undefined> {
  try {
    return await registry.resolve(evaluatorModelName(dataset, imageSize, channels));
  } catch (error) {
    if (isRegistryError(error) && error.code === "NOT_FOUND") return undefined;
    throw error;
  }
}

/**
 * Scores a generator against the data set's held-out images in the evaluator's feature space: a
 * classifier-space Fréchet distance (lower is better; not comparable with Inception FID) and the histogram
 * of the classes the evaluator sees in the samples.
 */
export async function scoreGenerator(args: {
  registry: Registry;
  generator: tfl.LayersModel;
  zDim: number;
  evaluator: VersionRecord;
  dataset: Dataset;
}): Promise<Quality> {
  const { generator, zDim, dataset } = args;
  const count = Math.min(MAX_SCORE_SAMPLES, dataset.heldOut.count);
  if (count < 2) {
    throw new Error(`${dataset.name} has ${dataset.heldOut.count} held-out images; a score needs at least 2.`);
  }
  const classifier = await loadVersionModel(args.registry, args.evaluator);
  const featureModel = evaluatorFeatureModel(classifier);
  try {
    const generatedImages = await generateImages(generator, zDim, count);
    const score = await qualityScore({
      featureModel,
      classifier,
      realImages: dataset.heldOut.images,
      generatedImages,
      count,
    });
    return { ...score, evaluator: `${args.evaluator.name}@${args.evaluator.version}` };
  } finally {
    classifier.dispose();
  }
}

async function generateImages(generator: tfl.LayersModel, zDim: number, count: number): Promise<Float32Array> {
  const noise = sampleLatent(SCORE_SEED, count, zDim);
  let images: Float32Array | undefined;
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const batch = tf.tidy(
      () =>
        generator.predict(tf.tensor2d(noise.subarray(start * zDim, (start + size) * zDim), [size, zDim])) as tf.Tensor,
    );
    const pixels = (await batch.data()) as Float32Array;
    batch.dispose();
    images ??= new Float32Array((pixels.length / size) * count);
    images.set(pixels, (pixels.length / size) * start);
  }
  return images!;
}
