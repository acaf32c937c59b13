import * as tf from "@tensorflow/tfjs-core";
import { DcganTrainer, PRESETS, type PresetName } from "@ganvas/core";
import { timeRepeatedly } from "@ganvas/bench/src/timed-loop";
import { useWebGpu } from "./backends";

export type StepTiming = {
  preset: PresetName;
  batchSize: number;
  warmup: number;
  steps: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
  imagesPerSecond: number;
  adapter: string;
};

/**
 * Median time of one DcganTrainer step on webgpu, as packages/bench measures it on the CPU backends (same
 * timing loop, a fixed random batch, seed 1). step() resolves once the losses are read back, so the GPU has
 * finished the step when the clock is read.
 */
export async function webGpuStepTime(preset: PresetName, warmup: number, steps: number): Promise<StepTiming> {
  const started = await useWebGpu();
  const { config, batchSize } = PRESETS[preset];
  const trainer = new DcganTrainer({ config, seed: 1 });
  const shape: [number, number, number, number] = [batchSize, config.imageSize, config.imageSize, config.channels];
  const real = tf.randomUniform(shape, -1, 1, "float32", 1) as tf.Tensor4D;
  try {
    const timing = await timeRepeatedly(`webgpu/${preset}`, { warmup, repeats: steps }, () => trainer.step(real));
    return {
      preset,
      batchSize,
      warmup,
      steps,
      ...timing,
      imagesPerSecond: batchSize / (timing.medianMs / 1000),
      adapter: started.adapter.summary,
    };
  } finally {
    real.dispose();
    trainer.dispose();
  }
}
