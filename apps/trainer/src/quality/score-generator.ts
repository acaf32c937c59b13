import * as tf from "@tensorflow/tfjs-core";
import type * as tfl from "@tensorflow/tfjs-layers";
import { classCode, conditionalLatents, sampleLatent, type DcganConfig } from "@ganvas/core";
import { classAccuracy, evaluatorFeatureModel, qualityScore } from "@ganvas/quality";
import { isRegistryError, type Quality, type Registry, type VersionRecord } from "@ganvas/registry";
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

type GeneratorShape = Pick<DcganConfig, "zDim" | "numClasses">;

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
 * of the classes the evaluator sees in the samples. A conditional generator draws every class in turn for
 * these, and its class accuracy is measured too: how often the evaluator reads the class each sample was
 * drawn for, on SAMPLES_PER_CLASS samples of every class.
 */
export async function scoreGenerator(args: {
  registry: Registry;
  generator: tfl.LayersModel;
  model: GeneratorShape;
  evaluator: VersionRecord;
  dataset: Dataset;
}): Promise<Quality> {
  const { generator, model, dataset } = args;
  const count = Math.min(MAX_SCORE_SAMPLES, dataset.heldOut.count);
  if (count < 2) {
    throw new Error(`${dataset.name} has ${dataset.heldOut.count} held-out images; a score needs at least 2.`);
  }
  const classifier = await loadVersionModel(args.registry, args.evaluator);
  const featureModel = evaluatorFeatureModel(classifier);
  try {
    const generatedImages = await generateImages(generator, model, SCORE_SEED, count);
    const score = await qualityScore({
      featureModel,
      classifier,
      realImages: dataset.heldOut.images,
      generatedImages,
      count,
    });
    const evaluator = `${args.evaluator.name}@${args.evaluator.version}`;
    if (model.numClasses === undefined) return { ...score, evaluator };
    return { ...score, evaluator, classAccuracy: await requestedClassAccuracy(generator, model, classifier) };
  } finally {
    classifier.dispose();
  }
}

/** Class of the i-th sample a conditional generator draws for scoring: every class in turn. */
const requestedClass = (i: number, numClasses: number) => i % numClasses;

async function requestedClassAccuracy(
  generator: tfl.LayersModel,
  model: GeneratorShape,
  classifier: tfl.LayersModel,
): Promise<NonNullable<Quality["classAccuracy"]>> {
  const numClasses = model.numClasses!;
  const classifierClasses = classifier.outputs[0]!.shape[1];
  if (classifierClasses !== numClasses) {
    throw new Error(
      `The evaluator tells ${String(classifierClasses)} classes apart, the generator draws ${numClasses}.`,
    );
  }
  const samples = SAMPLES_PER_CLASS * numClasses;
  const images = await generateImages(generator, model, CLASS_ACCURACY_SEED, samples);
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
