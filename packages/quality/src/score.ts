import type { LayersModel } from "@tensorflow/tfjs-layers";
import { classHistogram, computeFeatures } from "./evaluator/features";
import { frechetFromStatistics } from "./metrics/frechet-distance";
import { featureStatistics, type FeatureStatistics } from "./metrics/statistics";

/**
 * A version's quality score: the Fréchet distance between `count` generated samples and as many held-out
 * real images in the evaluator's feature space (a classifier-space distance, not comparable with
 * Inception FID), plus the evaluator's predicted-class histogram of the samples (mode coverage).
 */
export interface QualityScore {
  kind: "classifier-frechet";
  value: number;
  samples: number;
  classHistogram: number[];
}

type RealData =
  /** Held-out real images (NHWC in [-1, 1]); the first `count` are used. */
  | { realImages: Float32Array }
  /** Or their feature statistics, computed once by `imageFeatureStatistics` and reused across versions. */
  | { realStatistics: FeatureStatistics };

export type QualityScoreOptions = RealData & {
  /** `evaluatorFeatureModel(classifier)`. */
  featureModel: LayersModel;
  classifier: LayersModel;
  /** Generated images (NHWC in [-1, 1]); the first `count` are used. */
  generatedImages: Float32Array;
  count: number;
  batchSize?: number;
};

/** Feature statistics of the first `count` images; for the real set, compute once and score many versions. */
export async function imageFeatureStatistics(
  featureModel: LayersModel,
  images: Float32Array,
  count: number,
  batchSize?: number,
): Promise<FeatureStatistics> {
  const features = await computeFeatures(featureModel, images, count, batchSize);
  return featureStatistics(features, featureDims(featureModel));
}

export async function qualityScore(options: QualityScoreOptions): Promise<QualityScore> {
  const { featureModel, classifier, generatedImages, count, batchSize } = options;
  const real =
    "realStatistics" in options
      ? options.realStatistics
      : await imageFeatureStatistics(featureModel, options.realImages, count, batchSize);
  if (real.count !== count) {
    // The distance is biased by sample size; comparing versions is only fair at one size for both sides.
    throw new RangeError(
      `qualityScore: real statistics are from ${real.count} images but count is ${count}; use as many of each`,
    );
  }
  const generated = await imageFeatureStatistics(featureModel, generatedImages, count, batchSize);
  return {
    kind: "classifier-frechet",
    value: frechetFromStatistics(real, generated),
    samples: count,
    classHistogram: await classHistogram(classifier, generatedImages, count, batchSize),
  };
}

function featureDims(featureModel: LayersModel): number {
  const dims = featureModel.outputs[0]!.shape[1];
  if (featureModel.outputs[0]!.shape.length !== 2 || dims == null) {
    throw new TypeError(
      `Expected a feature model with [N, D] output, got ${JSON.stringify(featureModel.outputs[0]!.shape)}`,
    );
  }
  return dims;
}
