import * as tf from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { validateConfig, type DcganConfig } from "../config";
import { registerTrainingKernels } from "../kernels/register";
import { createRng, fillNormal, restoreRng, type Rng, type RngState } from "../latent/rng";
import { buildDiscriminator } from "../models/discriminator";
import { buildGenerator } from "../models/generator";
import { Adam, type NamedTensor } from "./adam";
import { forwardInTraining } from "./forward";
import { outsideGradientTape } from "./outside-tape";
import { binaryCrossEntropy } from "./losses";

export type StepResult = {
  /** Discriminator loss, (BCE(D(x), 1) + BCE(D(G(z)), 0)) / 2, before its update. */
  dLoss: number;
  /** Generator loss, BCE(D(G(z)), 1) against the updated discriminator. */
  gLoss: number;
  /** Mean D(x) on the real batch. */
  dReal: number;
  /** Mean D(G(z)) before the discriminator's update. */
  dFake: number;
};

export type TrainerOptions = {
  config: DcganConfig;
  /** Seeds the generator's weights (seed), the discriminator's (seed + 1) and the training noise (seed + 2). */
  seed: number;
  learningRate?: number;
  beta1?: number;
  beta2?: number;
};

export type OptimizerWeights = { generator: NamedTensor[]; discriminator: NamedTensor[] };

function inOrder(gradients: tf.NamedTensorMap, variables: tf.Variable[]): tf.Tensor[] {
  return variables.map((variable) => {
    const gradient = gradients[variable.name];
    if (gradient === undefined)
      throw new Error(`No gradient reached weight '${variable.name}'; is it part of the model?`);
    return gradient;
  });
}

/** PyTorch's Adam epsilon (tfjs would default to the backend's 1e-7). */
const ADAM_EPSILON = 1e-8;

/**
 * One DCGAN training step at a time, as the PyTorch tutorial does it: D learns from a real batch (target 1)
 * and a fake batch (target 0), then G learns to make the updated D say 1 on the same fake batch.
 */
export class DcganTrainer {
  readonly config: DcganConfig;
  readonly generator: LayersModel;
  readonly discriminator: LayersModel;
  private rng: Rng;
  private readonly generatorOptimizer: Adam;
  private readonly discriminatorOptimizer: Adam;

  constructor({ config, seed, learningRate = 2e-4, beta1 = 0.5, beta2 = 0.999 }: TrainerOptions) {
    this.config = validateConfig(config);
    registerTrainingKernels(tf.getBackend());
    this.generator = buildGenerator(config, seed);
    this.discriminator = buildDiscriminator(config, seed + 1);
    this.rng = createRng(seed + 2);
    const settings = { learningRate, beta1, beta2, epsilon: ADAM_EPSILON };
    this.generatorOptimizer = new Adam(this.generator.trainableWeights, settings);
    this.discriminatorOptimizer = new Adam(this.discriminator.trainableWeights, settings);
  }

  /**
   * The generator runs forward once per step. Its output feeds the D update, which runs off G's tape (detached,
   * as PyTorch's `fake.detach()`), and then the updated D for G's loss, the only path G's gradients take. Two
   * `optimizer.minimize` calls would run G forward twice. Batch norm uses batch statistics and updates its
   * moving averages. Async because the losses are read back with `data()`: a GPU backend (webgpu) cannot read
   * synchronously in Node, and waiting on the read lets the event loop run while the step computes.
   */
  async step(realBatch: tf.Tensor4D): Promise<StepResult> {
    this.checkBatch(realBatch);
    const batchSize = realBatch.shape[0];
    const noiseValues = fillNormal(this.rng, batchSize * this.config.zDim);
    const summary = tf.tidy(() => {
      const noise = tf.tensor2d(noiseValues, [batchSize, this.config.zDim]);
      let discriminatorStats: tf.Tensor | undefined;
      const generatorVariables = this.trainableVariables(this.generator);
      const generatorStep = tf.variableGrads(() => {
        const fake = this.run(this.generator, noise);
        outsideGradientTape(() => {
          const discriminatorVariables = this.trainableVariables(this.discriminator);
          const discriminatorStep = tf.variableGrads(() => {
            const onReal = this.run(this.discriminator, realBatch);
            const onFake = this.run(this.discriminator, fake);
            const loss = tf.div(tf.add(binaryCrossEntropy(onReal, 1), binaryCrossEntropy(onFake, 0)), 2) as tf.Scalar;
            discriminatorStats = tf.keep(tf.stack([loss, tf.mean(onReal), tf.mean(onFake)]));
            return loss;
          }, discriminatorVariables);
          this.discriminatorOptimizer.apply(inOrder(discriminatorStep.grads, discriminatorVariables));
        });
        return binaryCrossEntropy(this.run(this.discriminator, fake), 1);
      }, generatorVariables);
      this.generatorOptimizer.apply(inOrder(generatorStep.grads, generatorVariables));
      const stats = discriminatorStats!;
      const all = tf.concat([stats, tf.reshape(generatorStep.value, [1])]);
      stats.dispose();
      return all;
    });
    let values: tf.TypedArray;
    try {
      values = (await summary.data()) as tf.TypedArray;
    } finally {
      summary.dispose();
    }
    const [dLoss = NaN, dReal = NaN, dFake = NaN, gLoss = NaN] = values;
    return { dLoss, gLoss, dReal, dFake };
  }

  rngState(): RngState {
    return this.rng.state();
  }

  restoreRngState(state: RngState): void {
    this.rng = restoreRng(state);
  }

  /** Copies of both optimizers' state, for a checkpoint; the caller disposes the tensors. */
  getOptimizerWeights(): OptimizerWeights {
    return {
      generator: this.generatorOptimizer.getWeights(),
      discriminator: this.discriminatorOptimizer.getWeights(),
    };
  }

  /**
   * Restores what getOptimizerWeights returned (copied; the caller keeps its tensors). Async because Adam's
   * restore reads the step count with data(), which GPU backends need.
   */
  async setOptimizerWeights(weights: OptimizerWeights): Promise<void> {
    await this.generatorOptimizer.setWeights(weights.generator);
    await this.discriminatorOptimizer.setWeights(weights.discriminator);
  }

  dispose(): void {
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
    this.generator.dispose();
    this.discriminator.dispose();
  }

  private run(model: LayersModel, input: tf.Tensor): tf.Tensor {
    return forwardInTraining(model, input);
  }

  private trainableVariables(model: LayersModel): tf.Variable[] {
    return model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  }

  private checkBatch(batch: tf.Tensor4D): void {
    const { imageSize, channels } = this.config;
    const [count, height, width, depth] = batch.shape;
    if (batch.rank !== 4 || height !== imageSize || width !== imageSize || depth !== channels || count < 1) {
      throw new Error(
        `A training batch must be shaped [N, ${imageSize}, ${imageSize}, ${channels}] (NHWC, pixels in [-1, 1]), got [${batch.shape.join(", ")}].`,
      );
    }
  }
}
