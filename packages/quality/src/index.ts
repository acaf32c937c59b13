export {
  EVALUATOR_FEATURE_LAYER,
  buildEvaluator,
  evaluatorFeatureModel,
  type EvaluatorOptions,
} from "./evaluator/model";
export { trainEvaluator, type EvaluatorEpoch, type TrainEvaluatorOptions } from "./evaluator/train";
export {
  classAccuracy,
  classHistogram,
  computeFeatures,
  evaluateAccuracy,
  type ClassAccuracy,
} from "./evaluator/features";
export { featureStatistics, type FeatureStatistics } from "./metrics/statistics";
export { symmetricEigen, type SymmetricEigen } from "./metrics/symmetric-eigen";
export { featureFrechetDistance, frechetDistance, frechetFromStatistics } from "./metrics/frechet-distance";
export { imageFeatureStatistics, qualityScore, type QualityScore, type QualityScoreOptions } from "./score";
export { rescaleImages } from "./evaluator/rescale";
export { drawTrainingImages, realDataFloor } from "./real-data-floor";
