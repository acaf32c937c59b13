import { PRESETS, validateConfig, type DcganConfig, type TrainingRecipe } from "@ganvas/core";
import { assertModelName } from "@ganvas/registry";
import { UserError } from "../errors";
import { assertLearningRate, assertWholeNumber, RANGES } from "../option-ranges";
import { networkSizeProblem } from "./network-size";
import type { BackendChoice } from "../backend/select-backend";
import { defaultModelName } from "../registry/model-names";
import type { Dataset } from "../data/dataset";

export type PresetName = keyof typeof PRESETS;

/** Everything a training run is defined by; stored in the run folder so `--resume` can rebuild it. */
export interface TrainOptions {
  data: string;
  dataDir: string | undefined;
  preset: PresetName;
  config: DcganConfig;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** The preset's recipe with the flags' changes; a run.json from before recipes existed has none. */
  recipe?: TrainingRecipe;
  seed: number;
  maxSteps: number | undefined;
  /** Stop once the run has trained this long in all (its wall time, earlier parts of a resumed run included). */
  maxMinutes?: number;
  name: string;
  backend: BackendChoice;
  /** Class-conditional: config.numClasses comes from the data set (see withDatasetClasses). */
  conditional: boolean;
}

export interface TrainFlags {
  data: string;
  dataDir?: string;
  preset: string;
  epochs?: number;
  batchSize?: number;
  lr?: number;
  beta1?: number;
  ema?: number;
  realLabel?: number;
  width?: number;
  imageSize?: number;
  zDim?: number;
  channels?: number;
  seed: number;
  maxSteps?: number;
  maxMinutes?: number;
  name?: string;
  backend: BackendChoice;
  conditional?: boolean;
}

/** Applies the flags on top of the preset and validates the result. */
export function resolveTrainOptions(flags: TrainFlags): TrainOptions {
  if (!(flags.preset in PRESETS)) {
    throw new UserError(`Unknown preset "${flags.preset}". Choose one of: ${Object.keys(PRESETS).join(", ")}.`);
  }
  const preset = PRESETS[flags.preset as PresetName];
  const channels = flags.channels ?? (flags.data.startsWith("folder:") ? preset.config.channels : 1);
  let config: DcganConfig;
  try {
    config = validateConfig({
      ...preset.config,
      channels: channels as 1 | 3,
      imageSize: flags.imageSize ?? preset.config.imageSize,
      zDim: flags.zDim ?? preset.config.zDim,
      generatorWidth: flags.width ?? preset.config.generatorWidth,
      discriminatorWidth: flags.width ?? preset.config.discriminatorWidth,
    });
  } catch (error) {
    throw new UserError((error as Error).message);
  }
  const tooLarge = networkSizeProblem(config, flags.preset);
  if (tooLarge) throw new UserError(tooLarge);
  const options: TrainOptions = {
    data: flags.data,
    dataDir: flags.dataDir,
    preset: flags.preset as PresetName,
    config,
    epochs: flags.epochs ?? preset.epochs,
    batchSize: flags.batchSize ?? preset.batchSize,
    learningRate: flags.lr ?? preset.recipe.learningRate ?? 2e-4,
    recipe: recipeWithFlags(preset.recipe, flags),
    seed: flags.seed,
    maxSteps: flags.maxSteps,
    ...(flags.maxMinutes === undefined ? {} : { maxMinutes: flags.maxMinutes }),
    name: flags.name ?? defaultModelName(flags.data, flags.preset, flags.conditional),
    backend: flags.backend,
    conditional: flags.conditional ?? false,
  };
  checkModelName(options.name, flags.name !== undefined);
  assertWholeNumber("--epochs", options.epochs, RANGES.epochs);
  assertWholeNumber("--batch-size", options.batchSize, RANGES.batchSize);
  assertWholeNumber("--z-dim", options.config.zDim, RANGES.zDim);
  assertWholeNumber("--seed", options.seed, RANGES.seed);
  if (options.maxSteps !== undefined) assertWholeNumber("--max-steps", options.maxSteps, RANGES.maxSteps);
  assertLearningRate(options.learningRate);
  return options;
}

/** The preset's recipe with --beta1, --ema (0 turns the average off) and --real-label applied. */
function recipeWithFlags(recipe: TrainingRecipe, flags: TrainFlags): TrainingRecipe {
  const { averageDecay, ...rest } = recipe;
  const decay = flags.ema ?? averageDecay;
  return {
    ...rest,
    ...(flags.beta1 === undefined ? {} : { beta1: flags.beta1 }),
    ...(flags.realLabel === undefined ? {} : { realLabel: flags.realLabel }),
    ...(decay === undefined || decay === 0 ? {} : { averageDecay: decay }),
  };
}

/** The registry's own rule, checked before the run folder (named after the model) is created. */
function checkModelName(name: string, fromFlag: boolean): void {
  try {
    assertModelName(name);
  } catch (error) {
    const source = fromFlag ? "--name" : "The model name derived from --data (set one with --name)";
    throw new UserError(`${source}: ${(error as Error).message}`);
  }
}

/**
 * A conditional run's options with the data set's classes in the config (numClasses); others unchanged.
 * A data set without classes is refused, before anything is written.
 */
export function withDatasetClasses(options: TrainOptions, dataset: Dataset): TrainOptions {
  if (!options.conditional) return options;
  const count = dataset.classNames?.length;
  if (dataset.labels === undefined || count === undefined) {
    const layout = dataset.name.startsWith("folder:")
      ? `put each class's images in a sub-folder of its own (${dataset.name.slice(7)}/cat/1.png, .../dog/2.png)`
      : "use mnist-embedded, fashion-mnist-embedded, mnist, fashion-mnist or a folder: with one sub-folder per class";
    const why = dataset.classProblem ? ` (${dataset.classProblem})` : "";
    throw new UserError(`--conditional needs images with classes, and ${dataset.name} has none${why}: ${layout}.`);
  }
  if (options.config.numClasses !== undefined && options.config.numClasses !== count) {
    throw new UserError(
      `This run was trained on ${options.config.numClasses} classes, but ${dataset.name} now has ${count}: resume it with the data it started with.`,
    );
  }
  return { ...options, config: { ...options.config, numClasses: count } };
}
