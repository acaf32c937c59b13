// The /train page's Web Worker: trains a DCGAN with @ganvas/core exactly as the trainer does (DcganTrainer,
// trainLoop, the same batches of the same digits for a seed), renders the fixed-noise grid, and serialises
// the generator. The page only draws what it posts (protocol.ts).
import * as tf from "@tensorflow/tfjs-core";
import {
  DcganTrainer,
  PRESETS,
  fitDigits,
  imageBatches,
  sampleLatent,
  serializeLayersModel,
  toImageGrid,
  trainLoop,
  type StepResult,
} from "@ganvas/core";
import { DIGITS_BYTES_URL, DIGITS_META_URL, decodeDigits, type DigitsMeta } from "@/lib/training/digits-asset";
import { PauseGate } from "@/lib/training/pause-gate";
import type { PageMessage, RunFacts, StartRequest, StepPoint, WorkerMessage } from "@/lib/training/protocol";
import { startTrainingBackend } from "@/lib/training/training-backend";

type WorkerScope = {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<PageMessage>) => void) | null;
};
const scope = globalThis as unknown as WorkerScope;
const post = (message: WorkerMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

/** The trainer's learning rate where a preset's recipe names none (train --lr's default). */
const DEFAULT_LEARNING_RATE = 2e-4;
/** The trainer's sample grids: 64 latents from the seed, salted so they differ from the training noise. */
const GRID_SIZE = 64;
const GRID_NOISE_SALT = 0x9e3779b9;
/** Steps are posted in bunches: a message per step at 50 steps/s would keep the page busy re-rendering. */
const POST_EVERY_MS = 200;
/** steps/s over the last this many steps. */
const RATE_WINDOW = 20;

async function fetchChecked(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url} could not be fetched (HTTP ${response.status}): rebuild the viewer to create it.`);
  }
  return response;
}

async function loadDigits(imageSize: number, channels: 1 | 3) {
  const [meta, bytes] = await Promise.all([
    fetchChecked(DIGITS_META_URL).then((response) => response.json() as Promise<DigitsMeta>),
    fetchChecked(DIGITS_BYTES_URL).then(async (response) => new Uint8Array(await response.arrayBuffer())),
  ]);
  const images = fitDigits(decodeDigits(meta, bytes), meta.count, 1, imageSize, channels);
  // The trainer's content hash: SHA-256 of the float32 pixels exactly as the model sees them.
  // fitDigits allocates its own (never shared) buffer.
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", images as Float32Array<ArrayBuffer>));
  const contentHash = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return { name: meta.name, count: meta.count, contentHash, images };
}

async function pngOf(grid: { width: number; height: number; data: Uint8ClampedArray }): Promise<ArrayBuffer> {
  const canvas = new OffscreenCanvas(grid.width, grid.height);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw on an OffscreenCanvas in a worker.");
  context.putImageData(new ImageData(new Uint8ClampedArray(grid.data), grid.width, grid.height), 0, 0);
  return (await canvas.convertToBlob({ type: "image/png" })).arrayBuffer();
}

class BrowserRun {
  private readonly gate = new PauseGate();
  private readonly abort = new AbortController();
  private readonly points: StepPoint[] = [];
  private pending: StepPoint[] = [];
  private lastPost = 0;
  private startedAt = 0;
  private stepTimes: number[] = [];
  private lastGrid: { width: number; height: number; data: Uint8ClampedArray } | null = null;
  private trainer: DcganTrainer | null = null;
  private facts: RunFacts | null = null;

  constructor(private readonly request: StartRequest) {}

  async run(): Promise<void> {
    const { preset: presetName, seed, forcedBackend } = this.request;
    const preset = PRESETS[presetName];
    const { config, batchSize, epochs } = preset;
    const learningRate = preset.recipe.learningRate ?? DEFAULT_LEARNING_RATE;
    const backend = await startTrainingBackend(tf, forcedBackend);
    post({ type: "backend", ...backend });

    const digits = await loadDigits(config.imageSize, config.channels);
    const trainer = new DcganTrainer({ config, seed, learningRate });
    this.trainer = trainer;
    const batches = imageBatches({ ...config, count: digits.count, images: digits.images }, { batchSize, seed });
    const totalSteps = Math.min(epochs * batches.batchesPerEpoch, this.request.maxSteps ?? Number.POSITIVE_INFINITY);
    this.facts = {
      preset: presetName,
      config,
      dataset: { name: digits.name, count: digits.count, contentHash: digits.contentHash },
      batchSize,
      learningRate,
      seed,
      steps: 0,
      stepsPerEpoch: batches.batchesPerEpoch,
      backend: `browser-${backend.backend}`,
      wallTimeSeconds: 0,
    };
    post({ type: "ready", totalSteps, batchSize, images: digits.count });

    const noise = tf.tensor2d(sampleLatent((seed ^ GRID_NOISE_SALT) >>> 0, GRID_SIZE, config.zDim), [
      GRID_SIZE,
      config.zDim,
    ]);
    try {
      await this.renderGrid(noise, 0);
      this.startedAt = performance.now();
      post({ type: "state", state: "running" });
      await trainLoop({
        trainer,
        batches,
        epochs,
        signal: this.abort.signal,
        onStepEnd: async ({ globalStep, result }) => {
          this.record(globalStep, result);
          if (globalStep >= totalSteps) this.abort.abort();
          if (globalStep % this.request.gridEvery === 0 || globalStep >= totalSteps) {
            await this.renderGrid(noise, globalStep);
          }
          if (this.gate.paused && !this.abort.signal.aborted) {
            this.flush();
            post({ type: "state", state: "paused" });
            await this.gate.wait();
            if (!this.abort.signal.aborted) post({ type: "state", state: "running" });
          }
        },
      });
      this.flush();
      const last = this.points.at(-1)?.step ?? 0;
      if (last % this.request.gridEvery !== 0 && last < totalSteps) await this.renderGrid(noise, last);
      post({ type: "state", state: last >= totalSteps ? "finished" : "stopped" });
    } finally {
      noise.dispose();
    }
  }

  pause(): void {
    this.gate.pause();
  }

  resume(): void {
    this.gate.resume();
  }

  stop(): void {
    this.abort.abort();
    this.gate.resume();
  }

  async exportGenerator(): Promise<void> {
    if (!this.trainer || !this.facts || !this.lastGrid) throw new Error("Nothing has been trained yet.");
    const files = await serializeLayersModel(this.trainer.generator);
    const weights = files.weights.slice().buffer;
    const samplesPng = await pngOf(this.lastGrid);
    const facts = { ...this.facts, steps: this.points.length, wallTimeSeconds: this.trainingSeconds() };
    post(
      { type: "exported", generator: { facts, modelJson: files.modelJson, weights, samplesPng, losses: this.points } },
      [weights, samplesPng],
    );
  }

  private trainingSeconds(): number {
    return this.startedAt === 0 ? 0 : this.gate.activeMs(this.startedAt) / 1000;
  }

  private record(step: number, result: StepResult): void {
    if (!Number.isFinite(result.dLoss) || !Number.isFinite(result.gLoss)) {
      this.abort.abort();
      throw new Error(
        `Training diverged at step ${step}: D loss ${result.dLoss}, G loss ${result.gLoss}. Start again with another seed.`,
      );
    }
    const point = { step, ...result };
    this.points.push(point);
    this.pending.push(point);
    this.stepTimes.push(this.trainingSeconds());
    if (this.stepTimes.length > RATE_WINDOW + 1) this.stepTimes.shift();
    if (performance.now() - this.lastPost >= POST_EVERY_MS) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const times = this.stepTimes;
    const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
    const stepsPerSecond = times.length > 1 && span > 0 ? (times.length - 1) / span : null;
    post({ type: "steps", points: this.pending, trainingSeconds: this.trainingSeconds(), stepsPerSecond });
    this.pending = [];
    this.lastPost = performance.now();
  }

  private async renderGrid(noise: tf.Tensor2D, step: number): Promise<void> {
    const images = tf.tidy(() => this.trainer!.generator.predict(noise) as tf.Tensor4D);
    try {
      const grid = await toImageGrid(images, Math.ceil(Math.sqrt(GRID_SIZE)));
      this.lastGrid = grid;
      const rgba = grid.data.slice().buffer;
      post({ type: "grid", step, width: grid.width, height: grid.height, rgba }, [rgba]);
    } finally {
      images.dispose();
    }
  }
}

let current: BrowserRun | null = null;

function fail(error: unknown): void {
  post({ type: "error", message: error instanceof Error ? error.message : String(error) });
}

scope.onmessage = ({ data: message }) => {
  if (message.type === "start") {
    if (current) return fail(new Error("This worker is already training; start a new one for another run."));
    const run = new BrowserRun(message.request);
    current = run;
    run.run().catch(fail);
    return;
  }
  if (!current) return fail(new Error(`Cannot ${message.type}: no training has started.`));
  if (message.type === "pause") current.pause();
  else if (message.type === "resume") current.resume();
  else if (message.type === "stop") current.stop();
  else current.exportGenerator().catch(fail);
};
