import * as tf from "@tensorflow/tfjs-core";
import type * as tfl from "@tensorflow/tfjs-layers";
import { classCode, conditionalLatents, sampleLatent, WEIGHTS_FILE, type DcganConfig } from "@ganvas/core";
import {
  classAccuracy,
  drawTrainingImages,
  rescaleImages,
  evaluateAccuracy,
  evaluatorFeatureModel,
  imageFeatureStatistics,
  qualityScore,
  realDataFloor,
} from "@ganvas/quality";
import { readShippedEvaluator, type ShippedEvaluator } from "./shipped-evaluators";
import { isRegistryError, type ManifestDraft, type Quality, type Registry, type VersionRecord } from "@ganvas/registry";
import type { Dataset } from "../data";
import { loadVersionModel } from "../model-io/load-version-model";
import { evaluatorModelName } from "../registry/model-names";

/** The most real images a score compares against (all held-out ones when there are fewer). */
const MAX_SCORE_SAMPLES = 5000;
/** Generated samples for scoring come from this seed, so re-scoring a version gives the same value. */
const SCORE_SEED = 20_151_119;
const BATCH = 256;
/** Samples of each class behind a conditional generator's class accuracy (1,000 for ten classes). */
const SAMPLES_PER_CLASS = 100;
/** Its samples' noise: another seed than the Fréchet distance's, so the two sets are independent. */
const CLASS_ACCURACY_SEED = 20_151_120;

type GeneratorShape = Pick<DcganConfig, "zDim" | "numClasses" | "imageSize" | "channels">;

/** An evaluator for a generator: its registry version and the image size it reads. */
export interface EvaluatorChoice {
  record: VersionRecord;
  /** The generator's size, or another: then real and generated images are rescaled to it before scoring. */
  imageSize: number;
  /** Set when the evaluator was copied into the registry from the ones that ship with Ganvas just now. */
  installedFromShipped?: boolean;
}

/**
 * The evaluator that scores versions of this data set at this image size: the latest one trained into the
 * registry, else the one that ships with Ganvas (copied into the registry on first use, so that scores name
 * a version like any other); at the generator's own size if there is one, else at the largest smaller size
 * (a 64x64 generator is scored by a 32x32 evaluator on averaged-down images). Undefined when there is none:
 * smaller versions (the tiny preset's 16x16) are not scored unless an evaluator is trained at their size.
 */
export async function findEvaluator(
  registry: Registry,
  dataset: string,
  imageSize: number,
  channels: 1 | 3,
): Promise<EvaluatorChoice | undefined> {
  for (const size of evaluatorSizes(imageSize)) {
    const name = evaluatorModelName(dataset, size, channels);
    const record = await resolveIfPresent(registry, name);
    if (record) return { record, imageSize: size };
    const shipped = await readShippedEvaluator(name);
    if (shipped)
      return { record: await installShippedEvaluator(registry, shipped), imageSize: size, installedFromShipped: true };
  }
  return undefined;
}

const MIN_EVALUATOR_SIZE = 8;
/** The generator's own size, then smaller ones, largest first. */
function evaluatorSizes(imageSize: number): number[] {
  const sizes: number[] = [];
  for (let size = imageSize; size >= MIN_EVALUATOR_SIZE; size /= 2) sizes.push(size);
  return sizes;
}

async function resolveIfPresent(registry: Registry, name: string): Promise<VersionRecord | undefined> {
  try {
    return await registry.resolve(name);
  } catch (error) {
    if (isRegistryError(error) && error.code === "NOT_FOUND") return undefined;
    throw error;
  }
}

async function installShippedEvaluator(registry: Registry, shipped: ShippedEvaluator): Promise<VersionRecord> {
  return registry.publish({
    name: shipped.info.name,
    manifest: shipped.info.manifest as ManifestDraft,
    files: [
      { path: "model.json", role: "evaluator-topology", data: shipped.modelJson },
      { path: WEIGHTS_FILE, role: "evaluator-weights", data: shipped.weights },
    ],
  });
}

/** Training images behind the real-data floor are drawn with this seed. */
export const FLOOR_SEED = 20_151_121;

/**
 * Scores a generator against the data set's held-out images in the evaluator's feature space: a
 * classifier-space Fréchet distance (lower is better; not comparable with Inception FID), the same distance
 * for real training images (the real-data floor) and the histogram of the classes the evaluator sees in the
 * samples. A conditional generator draws every class in turn for these, and its class accuracy is measured
 * too: how often the evaluator reads the class each sample was drawn for, on SAMPLES_PER_CLASS samples of
 * every class.
 */
export async function scoreGenerator(args: {
  registry: Registry;
  generator: tfl.LayersModel;
  model: GeneratorShape;
  evaluator: EvaluatorChoice;
  dataset: Dataset;
}): Promise<Quality> {
  const { generator, model, dataset, evaluator } = args;
  const count = scoreSampleCount(dataset);
  const toEvaluatorSize = evaluatorSizer(model, evaluator);
  const classifier = await loadVersionModel(args.registry, evaluator.record);
  try {
    const generatedImages = toEvaluatorSize(await generateImages(generator, model, SCORE_SEED, count));
    const quality = await scoreAtEvaluatorSize(classifier, { generatedImages, evaluator, dataset, toEvaluatorSize });
    if (model.numClasses === undefined) return quality;
    const classAccuracy = await requestedClassAccuracy(generator, model, classifier, toEvaluatorSize);
    return { ...quality, classAccuracy };
  } finally {
    classifier.dispose();
  }
}

/**
 * Scores images drawn elsewhere (another framework's generator, say) exactly as a version is scored: the
 * first {@link scoreSampleCount} of them, against the same held-out images, with the same real-data floor.
 * `images` are NHWC floats in [-1, 1] at `shape`'s size.
 */
export async function scoreImages(args: {
  registry: Registry;
  images: Float32Array;
  shape: Pick<DcganConfig, "imageSize" | "channels">;
  evaluator: EvaluatorChoice;
  dataset: Dataset;
}): Promise<Quality> {
  const { images, shape, evaluator, dataset } = args;
  const count = scoreSampleCount(dataset);
  const imageFloats = shape.imageSize * shape.imageSize * shape.channels;
  if (images.length < count * imageFloats) {
    throw new Error(
      `A score needs ${count} images (as many as ${dataset.name}'s held-out ones), got ${images.length / imageFloats}.`,
    );
  }
  const toEvaluatorSize = evaluatorSizer(shape, evaluator);
  const classifier = await loadVersionModel(args.registry, evaluator.record);
  try {
    const generatedImages = toEvaluatorSize(images.subarray(0, count * imageFloats));
    return await scoreAtEvaluatorSize(classifier, { generatedImages, evaluator, dataset, toEvaluatorSize });
  } finally {
    classifier.dispose();
  }
}

/** How many generated images a score compares: as many as the held-out images, at most MAX_SCORE_SAMPLES. */
export function scoreSampleCount(dataset: Dataset): number {
  const count = Math.min(MAX_SCORE_SAMPLES, dataset.heldOut.count);
  if (count < 2) {
    throw new Error(`${dataset.name} has ${dataset.heldOut.count} held-out images; a score needs at least 2.`);
  }
  return count;
}

/** Averages images of the generator's size down to the evaluator's (unchanged when they are the same). */
function evaluatorSizer(shape: Pick<DcganConfig, "imageSize" | "channels">, evaluator: EvaluatorChoice) {
  return (images: Float32Array) => rescaleImages(images, shape.imageSize, evaluator.imageSize, shape.channels);
}

/** The score of `generatedImages` (already at the evaluator's size) and the data set's real-data floor. */
async function scoreAtEvaluatorSize(
  classifier: tfl.LayersModel,
  args: {
    generatedImages: Float32Array;
    evaluator: EvaluatorChoice;
    dataset: Dataset;
    toEvaluatorSize: (images: Float32Array) => Float32Array;
  },
): Promise<Quality> {
  const { generatedImages, evaluator, dataset, toEvaluatorSize } = args;
  const count = scoreSampleCount(dataset);
  const featureModel = evaluatorFeatureModel(classifier);
  const realStatistics = await imageFeatureStatistics(featureModel, toEvaluatorSize(dataset.heldOut.images), count);
  const score = await qualityScore({ featureModel, classifier, realStatistics, generatedImages, count });
  const floor =
    dataset.count >= count
      ? await realDataFloor({
          featureModel,
          classifier,
          realStatistics,
          images: toEvaluatorSize(drawTrainingImages(dataset.images, dataset.count, count, FLOOR_SEED)),
          count,
        })
      : undefined;
  return {
    ...score,
    evaluator: `${evaluator.record.name}@${evaluator.record.version}`,
    ...(floor === undefined ? {} : { realDataFloor: floor }),
  };
}

/** Class of the i-th sample a conditional generator draws for scoring: every class in turn. */
const requestedClass = (i: number, numClasses: number) => i % numClasses;

async function requestedClassAccuracy(
  generator: tfl.LayersModel,
  model: GeneratorShape,
  classifier: tfl.LayersModel,
  toEvaluatorSize: (images: Float32Array) => Float32Array,
): Promise<NonNullable<Quality["classAccuracy"]>> {
  const numClasses = model.numClasses!;
  const classifierClasses = classifier.outputs[0]!.shape[1];
  if (classifierClasses !== numClasses) {
    throw new Error(
      `The evaluator tells ${String(classifierClasses)} classes apart, the generator draws ${numClasses}.`,
    );
  }
  const samples = SAMPLES_PER_CLASS * numClasses;
  const images = toEvaluatorSize(await generateImages(generator, model, CLASS_ACCURACY_SEED, samples));
  const labels = Uint8Array.from({ length: samples }, (_, i) => requestedClass(i, numClasses));
  const { overall, perClass } = await classAccuracy(classifier, images, labels);
  return { samples, overall, perClass };
}

/** `count` images from `seed`'s latents (a conditional generator's in every class in turn). */
async function generateImages(
  generator: tfl.LayersModel,
  { zDim, numClasses }: GeneratorShape,
  seed: number,
  count: number,
): Promise<Float32Array> {
  const noise = sampleLatent(seed, count, zDim);
  const inputs =
    numClasses === undefined
      ? noise
      : conditionalLatents(
          noise,
          zDim,
          Array.from({ length: count }, (_, i) => classCode(numClasses, requestedClass(i, numClasses))),
        );
  const width = inputs.length / count;
  let images: Float32Array | undefined;
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const batch = tf.tidy(
      () =>
        generator.predict(
          tf.tensor2d(inputs.subarray(start * width, (start + size) * width), [size, width]),
        ) as tf.Tensor,
    );
    const pixels = (await batch.data()) as Float32Array;
    batch.dispose();
    images ??= new Float32Array((pixels.length / size) * count);
    images.set(pixels, (pixels.length / size) * start);
  }
  return images!;
}

/**
 * An evaluator's own figures on a data set loaded at its image size: accuracy on the first `limit` held-out
 * images (all by default) and the real-data floor at as many samples (at most the count versions are scored
 * with). Recorded when an evaluator ships, and measured again by the tests, so a shipped file that no longer
 * gives them is caught.
 */
export async function measureEvaluator(
  classifier: tfl.LayersModel,
  dataset: Dataset,
  limit?: number,
): Promise<{ heldOutAccuracy: number; realDataFloor: number; samples: number }> {
  const heldOut = Math.min(limit ?? dataset.heldOut.count, dataset.heldOut.count);
  const count = Math.min(MAX_SCORE_SAMPLES, heldOut);
  const featureModel = evaluatorFeatureModel(classifier);
  const realStatistics = await imageFeatureStatistics(featureModel, dataset.heldOut.images, count);
  const floor = await realDataFloor({
    featureModel,
    classifier,
    realStatistics,
    images: drawTrainingImages(dataset.images, dataset.count, count, FLOOR_SEED),
    count,
  });
  const pixels = dataset.heldOut.images.length / dataset.heldOut.count;
  const heldOutAccuracy = await evaluateAccuracy(
    classifier,
    dataset.heldOut.images.subarray(0, heldOut * pixels),
    dataset.heldOut.labels!.subarray(0, heldOut),
  );
  return { heldOutAccuracy, realDataFloor: floor, samples: count };
}
