import type { LayersModel } from "@tensorflow/tfjs-layers";
import { createRng, shuffledIndices } from "@ganvas/core";
import { qualityScore } from "./score";
import type { FeatureStatistics } from "./metrics/statistics";

/**
 * The score real data gets: `count` training images, drawn at random with `seed` (a data set's training
 * images may be ordered by class), scored against the same held-out statistics a generator is scored
 * against. No generator can be expected to beat it; a version's score reads best as a multiple of it.
 */
export async function realDataFloor(options: {
  featureModel: LayersModel;
  classifier: LayersModel;
  realStatistics: FeatureStatistics;
  /** NHWC training images in [-1, 1], flattened. */
  trainingImages: Float32Array;
  count: number;
  seed: number;
}): Promise<number> {
  const { featureModel, classifier, realStatistics, trainingImages, count, seed } = options;
  const shape = featureModel.inputs[0]!.shape;
  const pixels = shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
  const available = trainingImages.length / pixels;
  if (available < count) {
    throw new RangeError(`realDataFloor: ${available} training images, fewer than the ${count} a floor needs`);
  }
  const rng = createRng(seed);
  const picked = shuffledIndices(available, () => rng.next()).subarray(0, count);
  const images = new Float32Array(count * pixels);
  picked.forEach((row, i) => images.set(trainingImages.subarray(row * pixels, (row + 1) * pixels), i * pixels));
  const score = await qualityScore({ featureModel, classifier, realStatistics, generatedImages: images, count });
  return score.value;
}
