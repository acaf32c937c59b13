import * as tf from "@tensorflow/tfjs-core";
import type { LayerVariable } from "@tensorflow/tfjs-layers";
import { ADAM_UPDATE, adamInputNames, type AdamUpdateAttrs } from "../kernels/kernel-names";

/** A tensor with the name it is saved under (the shape tfjs uses for optimizer weights). */
export type NamedTensor = { name: string; tensor: tf.Tensor };

export type AdamSettings = { learningRate: number; beta1: number; beta2: number; epsilon: number };

const STEP_NAME = "step";

/**
 * Adam as PyTorch computes it, with all state in plain view. tf.train.adam is not used because its state
 * cannot be restored exactly: it keeps beta^t as a running float32 product but rebuilds it with pow() on
 * setWeights, so a resumed run drifts from an uninterrupted one. Here the bias corrections are computed from
 * the step count in double precision, so saving and restoring (step, m, v) continues bit for bit. Where the
 * backend has core's fused kernel (JS on cpu, WebAssembly SIMD on wasm) all weights update in one kernel
 * call, with the same bits.
 */
export class Adam {
  private step = 0;
  private readonly firstMoments: tf.Variable[];
  private readonly secondMoments: tf.Variable[];

  constructor(
    private readonly weights: LayerVariable[],
    private readonly settings: AdamSettings,
  ) {
    const zeroVariable = (w: LayerVariable) => tf.tidy(() => tf.variable(tf.zeros(w.shape as number[]), false));
    this.firstMoments = weights.map(zeroVariable);
    this.secondMoments = weights.map(zeroVariable);
  }

  /** One update; `gradients` are in the order of the weights given to the constructor. */
  apply(gradients: tf.Tensor[]): void {
    if (gradients.length !== this.weights.length) {
      throw new Error(`Adam got ${gradients.length} gradients for ${this.weights.length} weights.`);
    }
    const { learningRate, beta1, beta2, epsilon } = this.settings;
    const t = this.step + 1;
    const stepSize = learningRate / (1 - beta1 ** t);
    const secondCorrectionRoot = Math.sqrt(1 - beta2 ** t);
    const attrs: AdamUpdateAttrs = { count: gradients.length, beta1, beta2, epsilon, stepSize, secondCorrectionRoot };
    const variables = this.weights.map((w) => w.read() as tf.Variable);
    tf.tidy(() => {
      if (tf.getKernel(ADAM_UPDATE, tf.getBackend()) !== undefined) {
        const inputs: tf.NamedTensorMap = {};
        gradients.forEach((gradient, i) => {
          const [weight, m, v, g] = adamInputNames(i);
          Object.assign(inputs, {
            [weight]: variables[i]!,
            [m]: this.firstMoments[i]!,
            [v]: this.secondMoments[i]!,
            [g]: gradient,
          });
        });
        const updated = tf.engine().runKernel(ADAM_UPDATE, inputs, attrs) as tf.Tensor[];
        variables.forEach((weight, i) => {
          weight.assign(updated[3 * i]!);
          this.firstMoments[i]!.assign(updated[3 * i + 1]!);
          this.secondMoments[i]!.assign(updated[3 * i + 2]!);
        });
        return;
      }
      gradients.forEach((gradient, i) => {
        const m = this.firstMoments[i]!;
        const v = this.secondMoments[i]!;
        const weight = variables[i]!;
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(gradient, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(gradient), 1 - beta2)));
        const denominator = tf.add(tf.div(tf.sqrt(v), secondCorrectionRoot), epsilon);
        weight.assign(tf.sub(weight, tf.mul(tf.div(m, denominator), stepSize)));
      });
    });
    this.step = t;
  }

  /** Copies of the state (the caller disposes them): the step count, then m and v per weight, named after it. */
  getWeights(): NamedTensor[] {
    return [
      { name: STEP_NAME, tensor: tf.scalar(this.step, "int32") },
      ...this.weights.map((w, i) => ({ name: `${w.originalName}/m`, tensor: tf.clone(this.firstMoments[i]!) })),
      ...this.weights.map((w, i) => ({ name: `${w.originalName}/v`, tensor: tf.clone(this.secondMoments[i]!) })),
    ];
  }

  /** Restores state saved by getWeights (values are copied; the caller keeps its tensors). */
  async setWeights(saved: NamedTensor[]): Promise<void> {
    const byName = new Map(saved.map((entry) => [entry.name, entry.tensor]));
    const step = byName.get(STEP_NAME);
    if (step === undefined || step.size !== 1) {
      throw new Error(`Optimizer state has no '${STEP_NAME}' scalar; pass what getOptimizerWeights() returned.`);
    }
    const moments = (suffix: string) =>
      this.weights.map((w) => {
        const name = `${w.originalName}/${suffix}`;
        const tensor = byName.get(name);
        if (tensor === undefined || !tf.util.arraysEqual(tensor.shape, w.shape as number[])) {
          throw new Error(
            `Optimizer state does not fit this model: '${name}' is ${tensor === undefined ? "missing" : `shaped [${tensor.shape.join(", ")}]`}, expected [${w.shape.join(", ")}]. Was it saved from a model with the same config?`,
          );
        }
        return tensor;
      });
    const first = moments("m");
    const second = moments("v");
    first.forEach((tensor, i) => this.firstMoments[i]!.assign(tensor));
    second.forEach((tensor, i) => this.secondMoments[i]!.assign(tensor));
    this.step = (await step.data())[0]!;
  }

  dispose(): void {
    tf.dispose([...this.firstMoments, ...this.secondMoments]);
  }
}
