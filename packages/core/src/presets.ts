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
    // Chosen by measurement on a 2-core CPU with the wasm backend (one thread): a step takes about 250 ms at
    // widths 16 and batch 64 (widths 24: 515 ms, 32: 672 ms). On the 8,995 embedded digits (140 steps an epoch)
    // 15 epochs took 8.7 minutes and gave recognisable digits of all ten classes; widths 24 for 8 epochs or 32
    // for 6 (the same time) looked no better.
    config: { imageSize: 32, channels: 1, zDim: 100, generatorWidth: 16, discriminatorWidth: 16 },
    batchSize: 64,
    epochs: 15,
    recipe: {},
    description:
      "The tutorial's networks at 32x32 with a quarter of its widths (16), batch 64, 15 epochs: recognisable MNIST digits in about 9 minutes on a 2-core CPU with the wasm backend.",
  },
  tiny: {
    config: { imageSize: 16, channels: 1, zDim: 16, generatorWidth: 4, discriminatorWidth: 4 },
    batchSize: 16,
    epochs: 1,
    recipe: {},
    description: "For smoke runs and end-to-end tests only: trains in seconds, learns little.",
  },
};
