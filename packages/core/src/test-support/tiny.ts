import * as tf from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { afterEach } from "vitest";
import type { DcganConfig } from "../config";
import { DcganTrainer, type TrainerOptions } from "../training/trainer";
import { randomTensor } from "./random";

/** The smallest DCGAN with batch norm on both sides: 16x16, a few channels. */
export const TINY: DcganConfig = { imageSize: 16, channels: 1, zDim: 6, generatorWidth: 2, discriminatorWidth: 3 };

/** A batch of "real" images in [-1, 1], seeded. */
export function realBatch(count: number, seed: number, config: DcganConfig = TINY): tf.Tensor4D {
  return tf.tidy(() =>
    tf.tanh(randomTensor([count, config.imageSize, config.imageSize, config.channels], seed)),
  ) as tf.Tensor4D;
}

/** Every weight of a model (trainable and moving averages) as plain arrays, for exact comparisons. */
export function weightValues(model: LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}

/** Makes trainers for the tiny config (or another) and disposes them after each test of the calling file. */
export function trainerFactory(): (
  seed?: number,
  config?: DcganConfig,
  options?: Omit<TrainerOptions, "config" | "seed">,
) => DcganTrainer {
  const made: DcganTrainer[] = [];
  afterEach(() => made.splice(0).forEach((trainer) => trainer.dispose()));
  return (seed = 1, config = TINY, options = {}) => {
    const trainer = new DcganTrainer({ ...options, config, seed });
    made.push(trainer);
    return trainer;
  };
}
