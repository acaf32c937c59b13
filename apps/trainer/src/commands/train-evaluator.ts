import { buildEvaluator, evaluateAccuracy, trainEvaluator } from "@ganvas/quality";
import * as tf from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { writeShippedEvaluator } from "../quality/shipped-evaluators";
import type { ManifestDraft, PublishInput, VersionRecord } from "@ganvas/registry";
import { selectBackend, type BackendChoice } from "../backend/select-backend";
import { loadDataset, type Dataset } from "../data";
import { UserError } from "../errors";
import { serializeLayersModel, WEIGHTS_FILE, type LayersModelFiles } from "@ganvas/core";
import { measureEvaluator } from "../quality/score-generator";
import { defaultCacheDir } from "../paths";
import { datasetEntry } from "../registry/dataset-entry";
import { evaluatorModelName } from "../registry/model-names";
import { gitCommit } from "../registry/git-commit";
import { withRegistry } from "../registry/with-registry";

export interface TrainEvaluatorFlags {
  data: string;
  dataDir?: string;
  cacheDir?: string;
  imageSize: number;
  channels: number;
  epochs: number;
  batchSize: number;
  seed: number;
  registry: string;
  backend: BackendChoice;
  /** Also write it into apps/trainer/evaluators, where fresh clones find it (maintainers only). */
  ship?: boolean;
}

/**
 * Below these held-out accuracies the feature space is too poor to rank generators by: a LeNet reads 98-99%
 * of MNIST digits and 88-91% of Fashion-MNIST clothes (shirts, coats and pullovers look alike).
 */
const MIN_ACCURACY: ReadonlyArray<[RegExp, number]> = [
  [/fashion-mnist/, 0.85],
  [/mnist/, 0.98],
];

/**
 * Trains the LeNet-like classifier whose feature space the quality score is measured in, checks it on the
 * held-out images and publishes it as `evaluator-<data>-<size>`.
 */
export async function trainEvaluatorCommand(flags: TrainEvaluatorFlags): Promise<VersionRecord> {
  const channels = flags.channels as 1 | 3;
  const backend = await selectBackend(flags.backend);
  for (const reason of backend.reasons) console.log(`backend: ${reason}`);
  const dataset = await loadDataset(flags.data, {
    cacheDir: flags.cacheDir ?? defaultCacheDir(),
    dataDir: flags.dataDir,
    imageSize: flags.imageSize,
    channels,
    log: console.log,
  });
  if (!dataset.labels || !dataset.heldOut.labels || dataset.heldOut.count === 0) {
    throw new UserError(
      `${flags.data} has no class labels or no held-out images, so no evaluator can be trained on it.`,
    );
  }
  console.log(`data: ${dataset.count} training images, ${dataset.heldOut.count} held out`);
  const started = performance.now();
  const model = buildEvaluator({ imageSize: flags.imageSize, channels, classes: 10, seed: flags.seed });
  await trainEvaluator({
    model,
    images: dataset.images,
    labels: dataset.labels,
    epochs: flags.epochs,
    batchSize: flags.batchSize,
    seed: flags.seed,
    onEpochEnd: ({ epoch, loss, accuracy }) =>
      console.log(
        `epoch ${epoch + 1}/${flags.epochs}: loss ${loss.toFixed(4)}, training accuracy ${(accuracy * 100).toFixed(2)}%`,
      ),
  });
  const accuracy = await evaluateAccuracy(model, dataset.heldOut.images, dataset.heldOut.labels);
  const wallTimeSeconds = (performance.now() - started) / 1000;
  console.log(`held-out accuracy: ${(accuracy * 100).toFixed(2)}% on ${dataset.heldOut.count} images`);
  const minimum = MIN_ACCURACY.find(([pattern]) => pattern.test(flags.data))?.[1];
  if (minimum !== undefined && accuracy < minimum) {
    console.warn(`warning: below ${minimum * 100}%; train longer (--epochs) before trusting its scores.`);
  }
  const files = await serializeLayersModel(model);
  const manifest: ManifestDraft = {
    model: { architecture: "lenet-evaluator", imageSize: flags.imageSize, channels, classes: 10 },
    dataset: datasetEntry(dataset),
    training: {
      preset: null,
      epochs: flags.epochs,
      steps: flags.epochs * Math.ceil(dataset.count / flags.batchSize),
      batchSize: flags.batchSize,
      learningRate: 1e-3,
      seed: flags.seed,
      backend: backend.name,
      wallTimeSeconds: Number(wallTimeSeconds.toFixed(1)),
      gitCommit: gitCommit(),
    },
    metrics: { finalDLoss: null, finalGLoss: null, quality: null, heldOutAccuracy: accuracy },
    lineage: { resumedFrom: null, fineTunedFrom: null },
  };
  const name = evaluatorModelName(flags.data, flags.imageSize, channels);
  if (flags.ship) await ship(name, model, files, manifest, dataset);
  model.dispose();
  const publish: PublishInput = {
    name,
    manifest,
    files: [
      { path: "model.json", role: "evaluator-topology", data: files.modelJson },
      { path: WEIGHTS_FILE, role: "evaluator-weights", data: files.weights },
    ],
  };
  const record = await withRegistry(flags.registry, (registry) => registry.publish(publish));
  console.log(
    `Published ${record.name}@${record.version}: versions of ${flags.data} at ${flags.imageSize}px are now scored with it.`,
  );
  return record;
}

/** Held-out images the shipped figures are checked on (the cpu backend is slow; the tests repeat this). */
const CHECK_SAMPLES = 1000;

/**
 * Writes the evaluator where fresh clones find it, with its figures: on all held-out images on the training
 * backend, and on CHECK_SAMPLES of them on the cpu backend, whose kernels give the same bits on every machine.
 */
async function ship(
  name: string,
  model: LayersModel,
  files: LayersModelFiles,
  manifest: ManifestDraft,
  dataset: Dataset,
): Promise<void> {
  const full = await measureEvaluator(model, dataset);
  const trainedOn = tf.getBackend();
  await import("@tensorflow/tfjs-backend-cpu"); // registers "cpu" when another backend was chosen
  await tf.setBackend("cpu");
  const check = await measureEvaluator(model, dataset, CHECK_SAMPLES);
  await tf.setBackend(trainedOn);
  const folder = await writeShippedEvaluator({
    info: {
      name,
      imageSize: manifest.model.imageSize,
      channels: manifest.model.channels,
      heldOutAccuracy: full.heldOutAccuracy,
      heldOutCount: dataset.heldOut.count,
      realDataFloor: full.realDataFloor,
      realDataFloorSamples: full.samples,
      check: { samples: check.samples, heldOutAccuracy: check.heldOutAccuracy, realDataFloor: check.realDataFloor },
      manifest,
    },
    modelJson: files.modelJson,
    weights: files.weights,
  });
  console.log(
    `Shipped ${name} in ${folder}: held-out accuracy ${(full.heldOutAccuracy * 100).toFixed(2)}%, real-data floor ` +
      `${full.realDataFloor.toFixed(2)} at ${full.samples} samples.`,
  );
}
