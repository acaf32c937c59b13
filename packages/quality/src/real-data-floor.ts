import type { LayersModel } from "@tensorflow/tfjs-layers";
import { createRng, shuffledIndices } from "@ganvas/core";
import { qualityScore } from "./score";
import type { FeatureStatistics } from "./metrics/statistics";

/**
 * `count` of a data set's `available` training images (NHWC, flattened), drawn at random with `seed` (training
 * images may be ordered by class): the real images behind the real-data floor. Drawn before any resizing, so
 * only the drawn ones need it.
 */
export function drawTrainingImages(
  trainingImages: Float32Array,
  available: number,
  count: number,
  seed: number,
): Float32Array {
  if (available < count) {
    throw new RangeError(`realDataFloor: ${available} training images, fewer than the ${count} a floor needs`);
  }
  const pixels = trainingImages.length / available;
  const rng = createRng(seed);
  const picked = shuffledIndices(available, () => rng.next()).subarray(0, count);
  const images = new Float32Array(count * pixels);
  picked.forEach((row, i) => images.set(trainingImages.subarray(row * pixels, (row + 1) * pixels), i * pixels));
  return images;
}

/**
 * The score real data gets: `count` real training images (see drawTrainingImages) scored against the same
 * held-out statistics a generator is scored against. No generator can be expected to beat it; a version's
 * score reads best as a multiple of it.
 */
export async function realDataFloor(options: {
  featureModel: LayersModel;
  classifier: LayersModel;
  realStatistics: FeatureStatistics;
  /** The drawn training images, at the evaluator's size. */
  images: Float32Array;
  count: number;
}): Promise<number> {
  const { featureModel, classifier, realStatistics, images, count } = options;
  const score = await qualityScore({ featureModel, classifier, realStatistics, generatedImages: images, count });
  return score.value;
}
