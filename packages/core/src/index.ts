export { ConfigError, validateConfig, type DcganConfig } from "./config";
export { PRESETS, type Preset, type PresetName } from "./presets";
export { buildGenerator } from "./models/generator";
export { buildDiscriminator } from "./models/discriminator";
export type { NamedTensor } from "./training/adam";
export { DcganTrainer, type OptimizerWeights, type StepResult, type TrainerOptions } from "./training/trainer";
export {
  trainLoop,
  type AbortSignalLike,
  type BatchSource,
  type EpochEndEvent,
  type StepEndEvent,
  type TrainLoopOptions,
  type TrainLoopResult,
} from "./training/loop";
export { createRng, restoreRng, type Rng, type RngState } from "./latent/rng";
export { sampleLatent } from "./latent/sample";
export { interpolationPath, lerp, slerp } from "./latent/interpolate";
export { registerTrainingKernels, TRAINING_KERNEL_GROUPS } from "./kernels/register";
// Extension points for native kernel providers (@ganvas/onnx-kernels): training uses them where registered.
export { ADAM_UPDATE, adamInputNames, type AdamUpdateAttrs } from "./kernels/adam-kernel";
export {
  BATCH_NORM_BACKWARD,
  BATCH_NORM_FORWARD,
  type BatchNormActivation,
  type BatchNormBackwardAttrs,
  type BatchNormForwardAttrs,
} from "./kernels/batch-norm-kernels";
export {
  BIAS_ACTIVATION_BACKWARD,
  BIAS_ACTIVATION_FORWARD,
  type BiasActivation,
  type BiasActivationAttrs,
} from "./kernels/bias-activation-kernels";
export { toImageGrid, type GridOptions, type ImageGrid } from "./images/grid";
export { featureStatistics, type FeatureStatistics } from "./metrics/statistics";
export { symmetricEigen, type SymmetricEigen } from "./metrics/symmetric-eigen";
export { featureFrechetDistance, frechetDistance, frechetFromStatistics } from "./metrics/frechet-distance";
export { imageFeatureStatistics, qualityScore, type QualityScore, type QualityScoreOptions } from "./metrics/quality-score";
export {
  EVALUATOR_FEATURE_LAYER,
  buildEvaluator,
  classHistogram,
  computeFeatures,
  evaluateAccuracy,
  evaluatorFeatureModel,
  trainEvaluator,
  type EvaluatorEpoch,
  type EvaluatorOptions,
  type TrainEvaluatorOptions,
} from "./models/evaluator";
