import type { DcganConfig } from "./config";
import type { TrainerOptions } from "./training/trainer";

/** How a preset trains beyond its shape and schedule; anything left out takes DcganTrainer's default (the tutorial's). */
export type TrainingRecipe = Pick<TrainerOptions, "learningRate" | "beta1" | "beta2" | "realLabel" | "averageDecay">;

export type Preset = {
  config: DcganConfig;
  batchSize: number;
  epochs: number;
  recipe: TrainingRecipe;
  description: string;
};

export type PresetName = "tutorial" | "fast" | "tiny";

export const PRESETS: Record<PresetName, Preset> = {
  tutorial: {
    config: { imageSize: 64, channels: 1, zDim: 100, generatorWidth: 64, discriminatorWidth: 64 },
    batchSize: 128,
    epochs: 10,
    recipe: {},
    description: "The PyTorch DCGAN tutorial exactly: 64x64 images, feature widths 64, z of 100, batch 128, 10 epochs.",
  },
  fast: {
    // Shape chosen by measurement on a 2-core CPU: widths 24 for 8 epochs or 32 for 6 looked no better than 16
    // for 15. Learning rate and epochs by `pnpm --filter @ganvas/bench levers` (scored by the shipped evaluator,
    // 3 seeds each): lr 4e-4 beat 2e-4 on every seed at 8 epochs (median 72.1 vs 118.8), and lr 4e-4 for 21
    // epochs (2,940 steps, ~3.5 min on onnxruntime) scores about half of the earlier default (lr 2e-4, 15 epochs).
    config: { imageSize: 32, channels: 1, zDim: 100, generatorWidth: 16, discriminatorWidth: 16 },
    batchSize: 64,
    epochs: 21,
    recipe: { learningRate: 4e-4 },
    description:
      "The tutorial's networks at 32x32 with a quarter of its widths (16), batch 64, learning rate 4e-4, 21 epochs: clear MNIST digits of all ten classes in about 4 minutes on a 2-core CPU (onnxruntime backend).",
  },
  tiny: {
    config: { imageSize: 16, channels: 1, zDim: 16, generatorWidth: 4, discriminatorWidth: 4 },
    batchSize: 16,
    epochs: 1,
    recipe: {},
    description: "For smoke runs and end-to-end tests only: trains in seconds, learns little.",
  },
};
