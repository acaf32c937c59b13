import * as tf from "@tensorflow/tfjs-core";
import { DcganTrainer, PRESETS, type StepResult } from "@ganvas/core";

const STEPS = 3;
/** Three steps of the same tiny DCGAN from the same weights; on SwiftShader they matched cpu within 1.2e-7. */
export const LOSS_TOLERANCE = 1e-4;

export type TrainingCheck = {
  preset: "tiny";
  steps: number;
  cpu: StepResult[];
  webgpu: StepResult[];
  worstLossDifference: number;
  passed: boolean;
};

/** A fixed real batch, made in plain JS so that both backends train on the same numbers. */
function realBatchValues(): { values: Float32Array; shape: [number, number, number, number] } {
  const { config, batchSize } = PRESETS.tiny;
  const shape: [number, number, number, number] = [batchSize, config.imageSize, config.imageSize, config.channels];
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let state = 12345;
  for (let i = 0; i < values.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    values[i] = (state / 2 ** 32) * 2 - 1;
  }
  return { values, shape };
}

/** The tiny preset's losses over a few steps on the active backend. */
export async function tinyStepLosses(): Promise<StepResult[]> {
  const { values, shape } = realBatchValues();
  const real = tf.tensor4d(values, shape);
  const trainer = new DcganTrainer({ config: PRESETS.tiny.config, seed: 1 });
  const losses: StepResult[] = [];
  try {
    for (let i = 0; i < STEPS; i++) losses.push(await trainer.step(real));
  } finally {
    trainer.dispose();
    real.dispose();
  }
  return losses;
}

export function compareLosses(cpu: StepResult[], webgpu: StepResult[]): TrainingCheck {
  let worst = cpu.length === webgpu.length ? 0 : Number.POSITIVE_INFINITY;
  cpu.forEach((expected, i) => {
    const actual = webgpu[i];
    for (const key of ["dLoss", "gLoss", "dReal", "dFake"] as const) {
      worst = Math.max(worst, actual ? Math.abs(actual[key] - expected[key]) : Number.POSITIVE_INFINITY);
    }
  });
  return { preset: "tiny", steps: STEPS, cpu, webgpu, worstLossDifference: worst, passed: worst < LOSS_TOLERANCE };
}
