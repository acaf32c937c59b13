import * as tf from "@tensorflow/tfjs-core";
import { classCode, classGridLatents, conditionalLatents, sampleLatent, type DcganConfig } from "@ganvas/core";

/** A sample grid's generator inputs and how many images a row. */
export interface GridInput {
  input: tf.Tensor2D;
  columns: number;
}

type GridConfig = Pick<DcganConfig, "zDim" | "numClasses">;

/**
 * The inputs of a grid of about `count` samples from `seed`: for an unconditional generator `count` latents in a
 * square; for a conditional one, all of class `label` when given, else one row per class on shared noise
 * (count / classes latents a row, rounded up: a column shows one z in every class).
 */
export function gridInput(config: GridConfig, seed: number, count: number, label?: number): GridInput {
  const { zDim, numClasses } = config;
  const square = Math.ceil(Math.sqrt(count));
  if (numClasses === undefined) {
    return { input: tf.tensor2d(sampleLatent(seed, count, zDim), [count, zDim]), columns: square };
  }
  const width = zDim + numClasses;
  if (label !== undefined) {
    const rows = conditionalLatents(sampleLatent(seed, count, zDim), zDim, classCode(numClasses, label));
    return { input: tf.tensor2d(rows, [count, width]), columns: square };
  }
  const columns = Math.ceil(count / numClasses);
  return {
    input: tf.tensor2d(classGridLatents(seed, columns, zDim, numClasses), [numClasses * columns, width]),
    columns,
  };
}
