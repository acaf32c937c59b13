import * as tf from "@tensorflow/tfjs-core";
import type { LayersModel, LayerVariable } from "@tensorflow/tfjs-layers";
import type { NamedTensor } from "./adam";

const STEP_NAME = "average/step";
const SUFFIX = "average";

/**
 * An exponential moving average of a model's trainable weights (Polyak averaging of the generator). The decay
 * warms up as min(decay, (1 + t) / (10 + t)), so the first steps' weights, far from any good generator, fade
 * out within tens of steps instead of weighing on the average for thousands. Batch-norm moving statistics are
 * not averaged: they belong to the raw weights, and an average sampled with them draws noise; see
 * `recomputeBatchNormStatistics`.
 */
export class WeightAverage {
  private step = 0;
  private readonly averages: tf.Variable[];

  constructor(
    private readonly weights: LayerVariable[],
    private readonly decay: number,
  ) {
    if (!(decay > 0 && decay < 1)) throw new RangeError(`WeightAverage: decay must be in (0, 1), got ${decay}`);
    this.averages = weights.map((w) => tf.variable(w.read(), false));
  }

  /** Folds the weights' current values into the average (call after each optimizer step). */
  update(): void {
    const t = this.step + 1;
    const decay = Math.min(this.decay, (1 + t) / (10 + t));
    tf.tidy(() => {
      this.averages.forEach((average, i) => {
        average.assign(tf.add(tf.mul(average, decay), tf.mul(this.weights[i]!.read(), 1 - decay)));
      });
    });
    this.step = t;
  }

  /** Writes the averages into `model`'s trainable weights (a model of the same architecture). */
  copyInto(model: LayersModel): void {
    const targets = model.trainableWeights;
    if (targets.length !== this.averages.length) {
      throw new Error(
        `WeightAverage: the model has ${targets.length} trainable weights, the average ${this.averages.length}.`,
      );
    }
    targets.forEach((target, i) => target.write(this.averages[i]!));
  }

  /** Copies of the state for a checkpoint (the caller disposes them): the step count, then one average per weight. */
  getWeights(): NamedTensor[] {
    return [
      { name: STEP_NAME, tensor: tf.scalar(this.step) },
      ...this.weights.map((w, i) => ({ name: `${w.originalName}/${SUFFIX}`, tensor: tf.clone(this.averages[i]!) })),
    ];
  }

  /** Restores what getWeights returned (found by name among other state; values are copied). */
  async setWeights(saved: NamedTensor[]): Promise<void> {
    const byName = new Map(saved.map((entry) => [entry.name, entry.tensor]));
    const step = byName.get(STEP_NAME);
    if (step === undefined) {
      throw new Error(`Optimizer state has no weight average ('${STEP_NAME}'); it was saved by a run without one.`);
    }
    const values = this.weights.map((w) => {
      const tensor = byName.get(`${w.originalName}/${SUFFIX}`);
      if (tensor === undefined || !tf.util.arraysEqual(tensor.shape, w.shape as number[])) {
        throw new Error(`Optimizer state's weight average does not fit this model at '${w.originalName}'.`);
      }
      return tensor;
    });
    values.forEach((tensor, i) => this.averages[i]!.assign(tensor));
    this.step = (await step.data())[0]!;
  }

  dispose(): void {
    tf.dispose(this.averages);
  }
}
