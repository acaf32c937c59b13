export { ConfigError, generatorInputSize, MAX_CLASSES, validateConfig, type DcganConfig } from "./config";
export { PRESETS, type Preset, type PresetName, type TrainingRecipe } from "./presets";
export { buildGenerator } from "./models/generator";
export { buildDiscriminator, type DiscriminatorConditioning } from "./models/discriminator";
export { generatorWeightShapes, type WeightShape } from "./models/generator-shapes";
export {
  deserializeLayersModel,
  serializeLayersModel,
  WEIGHTS_FILE,
  type LayersModelFiles,
} from "./models/layers-artifacts";
export { recomputeBatchNormStatistics } from "./models/batch-norm-statistics";
export type { NamedTensor } from "./training/adam";
export { DcganTrainer, type OptimizerWeights, type StepResult, type TrainerOptions } from "./training/trainer";
export {
  trainLoop,
  type AbortSignalLike,
  type BatchSource,
  type EpochEndEvent,
  type LabelledBatch,
  type StepEndEvent,
  type TrainLoopOptions,
  type TrainLoopResult,
} from "./training/loop";
export { createRng, restoreRng, shuffledIndices, type Rng, type RngState } from "./latent/rng";
export { sampleLatent } from "./latent/sample";
export { interpolationPath, lerp, slerp } from "./latent/interpolate";
export { classCode, classGridLatents, conditionalLatents, type ClassCode } from "./latent/conditional";
export { latentArithmetic, latentMean } from "./latent/arithmetic";
export { loopingWalk } from "./latent/walk";
export { registerTrainingKernels, TRAINING_KERNEL_GROUPS } from "./kernels/register";
export { ACTIVATIONS, isActivation, type Activation } from "./kernels/activations";
export { DIGIT_SIZE, fitDigits } from "./data/fit-digits";
export { bilinearResizer, resizeBilinear } from "./data/resize";
export { seededRandom } from "./data/epoch-random";
export { imageBatches, type ImageBatchOptions, type ImageBatchSource, type TrainingImages } from "./data/image-batches";
export { toImageGrid, type GridOptions, type ImageGrid } from "./images/grid";
