import * as tf from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { validateConfig, type DcganConfig } from "../config";
import { registerTrainingKernels } from "../kernels/register";
import { createRng, fillNormal, restoreRng, type Rng, type RngState } from "../latent/rng";
import { buildDiscriminator, type DiscriminatorConditioning } from "../models/discriminator";
import { buildGenerator } from "../models/generator";
import { recomputeBatchNormStatistics } from "../models/batch-norm-statistics";
import { sampleLatent } from "../latent/sample";
import { Adam, type NamedTensor } from "./adam";
import { WeightAverage } from "./weight-average";
import { forwardInTraining } from "./forward";
import { outsideGradientTape } from "./outside-tape";
import { binaryCrossEntropy } from "./losses";
import { discriminate, generatorInput, oneHotClasses } from "./class-conditioning";

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
  /** How a conditional discriminator sees the class (config.numClasses set); default "projection". */
  conditioning?: DiscriminatorConditioning;
  /** D's target on real images: 1, or e.g. 0.9 for one-sided label smoothing. */
  realLabel?: number;
  /**
   * Keep an exponential moving average of G's weights with this decay (e.g. 0.999); `samplingGenerator()`
   * then samples from it. Absent: no average, and samplingGenerator() is G itself.
   */
  averageDecay?: number;
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
/** Noise the averaged generator's batch-norm statistics are measured on: fixed, and large enough to be steady. */
const STATISTICS_BATCH = 512;
const STATISTICS_SEED = 0x5eed_ba7c;

/**
 * One DCGAN training step at a time, as the PyTorch tutorial does it: D learns from a real batch (target 1)
 * and a fake batch (target 0), then G learns to make the updated D say 1 on the same fake batch.
 * A conditional DCGAN (config.numClasses) takes the real batch's labels: G draws the fake batch for the same
 * classes (no extra draws from the noise RNG, and fakes follow the data's class balance) and D judges every
 * image together with its class; the step is otherwise the same.
 */
export class DcganTrainer {
  readonly config: DcganConfig;
  readonly generator: LayersModel;
  readonly discriminator: LayersModel;
  readonly conditioning: DiscriminatorConditioning;
  private rng: Rng;
  private readonly generatorOptimizer: Adam;
  private readonly discriminatorOptimizer: Adam;
  private readonly realLabel: number;
  private readonly average: WeightAverage | undefined;
  /** The averaged generator, and the step its weights and statistics are from. */
  private averaged: { model: LayersModel; step: number } | undefined;
  private steps = 0;

  constructor(options: TrainerOptions) {
    const {
      config,
      seed,
      learningRate = 2e-4,
      beta1 = 0.5,
      beta2 = 0.999,
      conditioning = "projection",
      realLabel = 1,
      averageDecay,
    } = options;
    this.config = validateConfig(config);
    this.conditioning = conditioning;
    if (!(realLabel > 0.5 && realLabel <= 1)) throw new RangeError(`realLabel must be in (0.5, 1], got ${realLabel}`);
    registerTrainingKernels(tf.getBackend());
    this.generator = buildGenerator(config, seed);
    this.discriminator = buildDiscriminator(config, seed + 1, conditioning);
    this.rng = createRng(seed + 2);
    this.realLabel = realLabel;
    const settings = { learningRate, beta1, beta2, epsilon: ADAM_EPSILON };
    this.generatorOptimizer = new Adam(this.generator.trainableWeights, settings);
    this.discriminatorOptimizer = new Adam(this.discriminator.trainableWeights, settings);
    this.average =
      averageDecay === undefined ? undefined : new WeightAverage(this.generator.trainableWeights, averageDecay);
  }

  /**
   * The generator runs forward once per step. Its output feeds the D update, which runs off G's tape (detached,
   * as PyTorch's `fake.detach()`), and then the updated D for G's loss, the only path G's gradients take. Two
   * `optimizer.minimize` calls would run G forward twice. Batch norm uses batch statistics and updates its
   * moving averages. Async because the losses are read back with `data()`: a GPU backend (webgpu) cannot read
   * synchronously in Node, and waiting on the read lets the event loop run while the step computes.
   */
  async step(realBatch: tf.Tensor4D, labels?: ArrayLike<number>): Promise<StepResult> {
    this.checkBatch(realBatch, labels);
    const batchSize = realBatch.shape[0];
    const noiseValues = fillNormal(this.rng, batchSize * this.config.zDim);
    const summary = tf.tidy(() => {
      const noise = tf.tensor2d(noiseValues, [batchSize, this.config.zDim]);
      const classes = this.config.numClasses === undefined ? undefined : oneHotClasses(labels!, this.config.numClasses);
      const judge = (images: tf.Tensor4D) =>
        discriminate((input) => this.run(this.discriminator, input), images, classes, this.conditioning);
      let discriminatorStats: tf.Tensor | undefined;
      const generatorVariables = this.trainableVariables(this.generator);
      const generatorStep = tf.variableGrads(() => {
        const fake = this.run(this.generator, generatorInput(noise, classes)) as tf.Tensor4D;
        outsideGradientTape(() => {
          const discriminatorVariables = this.trainableVariables(this.discriminator);
          const discriminatorStep = tf.variableGrads(() => {
            const onReal = judge(realBatch);
            const onFake = judge(fake);
            const loss = tf.div(
              tf.add(binaryCrossEntropy(onReal, this.realLabel), binaryCrossEntropy(onFake, 0)),
              2,
            ) as tf.Scalar;
            discriminatorStats = tf.keep(tf.stack([loss, tf.mean(onReal), tf.mean(onFake)]));
            return loss;
          }, discriminatorVariables);
          this.discriminatorOptimizer.apply(inOrder(discriminatorStep.grads, discriminatorVariables));
        });
        return binaryCrossEntropy(judge(fake), 1);
      }, generatorVariables);
      this.generatorOptimizer.apply(inOrder(generatorStep.grads, generatorVariables));
      const stats = discriminatorStats!;
      const all = tf.concat([stats, tf.reshape(generatorStep.value, [1])]);
      stats.dispose();
      return all;
    });
    this.average?.update();
    this.steps++;
    let values: tf.TypedArray;
    try {
      values = (await summary.data()) as tf.TypedArray;
    } finally {
      summary.dispose();
    }
    const [dLoss = NaN, dReal = NaN, dFake = NaN, gLoss = NaN] = values;
    return { dLoss, gLoss, dReal, dFake };
  }

  /**
   * The generator to sample from and publish: with `averageDecay`, a copy of G holding the weight average, its
   * batch-norm statistics measured for those weights (recomputed when training moved on); else G itself. Owned
   * by the trainer: do not dispose it.
   */
  samplingGenerator(): LayersModel {
    if (this.average === undefined) return this.generator;
    if (this.averaged?.step === this.steps) return this.averaged.model;
    this.averaged ??= { model: buildGenerator(this.config, 0), step: -1 };
    this.average.copyInto(this.averaged.model);
    const { zDim, numClasses } = this.config;
    const input = tf.tidy(() => {
      const noise = tf.tensor2d(sampleLatent(STATISTICS_SEED, STATISTICS_BATCH, zDim), [STATISTICS_BATCH, zDim]);
      // A conditional G sees every class equally often.
      const labels = Array.from({ length: STATISTICS_BATCH }, (_, i) => i % (numClasses ?? 1));
      return generatorInput(noise, numClasses === undefined ? undefined : oneHotClasses(labels, numClasses));
    });
    try {
      recomputeBatchNormStatistics(this.averaged.model, input);
    } finally {
      input.dispose();
    }
    this.averaged.step = this.steps;
    return this.averaged.model;
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
      // The weight average travels with G's optimizer state, under names of its own (as Keras' use_ema keeps it).
      generator: [...this.generatorOptimizer.getWeights(), ...(this.average?.getWeights() ?? [])],
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
    await this.average?.setWeights(weights.generator);
    if (this.averaged) this.averaged.step = -1; // its weights are from before the restore
  }

  dispose(): void {
    this.average?.dispose();
    this.averaged?.model.dispose();
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

  private checkBatch(batch: tf.Tensor4D, labels: ArrayLike<number> | undefined): void {
    const { imageSize, channels, numClasses } = this.config;
    const [count, height, width, depth] = batch.shape;
    if (batch.rank !== 4 || height !== imageSize || width !== imageSize || depth !== channels || count < 1) {
      throw new Error(
        `A training batch must be shaped [N, ${imageSize}, ${imageSize}, ${channels}] (NHWC, pixels in [-1, 1]), got [${batch.shape.join(", ")}].`,
      );
    }
    if (numClasses === undefined && labels !== undefined) {
      throw new Error("This DCGAN is unconditional: train it without labels (or build it with numClasses).");
    }
    if (numClasses !== undefined && labels?.length !== count) {
      throw new Error(
        `A conditional DCGAN (${numClasses} classes) needs one label per image: got ${labels === undefined ? "none" : labels.length} for ${count} images.`,
      );
    }
  }
}
