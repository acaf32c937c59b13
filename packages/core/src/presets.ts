import type { DcganConfig } from "./config";

export type Preset = { config: DcganConfig; batchSize: number; epochs: number; description: string };

export type PresetName = "tutorial" | "fast" | "tiny";

export const PRESETS: Record<PresetName, Preset> = {
  tutorial: {
    config: { imageSize: 64, channels: 1, zDim: 100, generatorWidth: 64, discriminatorWidth: 64 },
    batchSize: 128,
    epochs: 10,
    description: "The PyTorch DCGAN tutorial exactly: 64x64 images, feature widths 64, z of 100, batch 128, 10 epochs.",
  },
  fast: {
    config: { imageSize: 32, channels: 1, zDim: 100, generatorWidth: 16, discriminatorWidth: 16 },
    batchSize: 64,
    epochs: 10,
    description: "TODO",
  },
  tiny: {
    config: { imageSize: 16, channels: 1, zDim: 16, generatorWidth: 4, discriminatorWidth: 4 },
    batchSize: 16,
    epochs: 1,
    description: "For smoke runs and end-to-end tests only: trains in seconds, learns little.",
  },
};
