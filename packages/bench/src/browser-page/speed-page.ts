// Runs in headless Chromium, bundled by esbuild (browser-speed.ts): tfjs's wasm backend as the viewer starts
// it (threaded SIMD where the page is cross-origin isolated), then 64-sample generation, with or without core's
// kernels, and DcganTrainer steps per preset, as the /train page's worker takes them.
import * as tf from "@tensorflow/tfjs-core";
import { loadLayersModel } from "@tensorflow/tfjs-layers";
import { getThreadsCount, setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { DcganTrainer, PRESETS, registerTrainingKernels } from "@ganvas/core";

export type SpeedRequest = {
  wasmPath: string;
  /** Register core's kernels before generating (training always has them: DcganTrainer registers them). */
  coreKernels: boolean;
  generation: { modelUrl: string; images: number; warmup: number; repeats: number };
  training: { preset: "tiny" | "fast"; warmup: number; steps: number }[];
};

export type SpeedResult = {
  isolated: boolean;
  threads: number;
  generationMs: number[];
  trainingMs: Record<string, number[]>;
};

async function timeEach(warmup: number, repeats: number, run: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + repeats; i++) {
    const start = performance.now();
    await run();
    if (i >= warmup) samples.push(performance.now() - start);
  }
  return samples;
}

async function generationMs({ modelUrl, images, warmup, repeats }: SpeedRequest["generation"]): Promise<number[]> {
  const model = await loadLayersModel(modelUrl);
  const zDim = model.inputs[0]!.shape[1]!;
  const z = tf.randomNormal([images, zDim]);
  try {
    return await timeEach(warmup, repeats, async () => {
      const output = model.predict(z) as tf.Tensor;
      await output.data();
      output.dispose();
    });
  } finally {
    z.dispose();
    model.dispose();
  }
}

async function trainingMs({ preset, warmup, steps }: SpeedRequest["training"][number]): Promise<number[]> {
  const { config, batchSize } = PRESETS[preset];
  const trainer = new DcganTrainer({ config, seed: 1 });
  const shape: [number, number, number, number] = [batchSize, config.imageSize, config.imageSize, config.channels];
  const real = tf.randomUniform(shape, -1, 1, "float32", 1) as tf.Tensor4D;
  try {
    return await timeEach(warmup, steps, () => trainer.step(real));
  } finally {
    real.dispose();
    trainer.dispose();
  }
}

async function measure(request: SpeedRequest): Promise<SpeedResult> {
  setWasmPaths(request.wasmPath);
  // As the viewer does (apps/viewer/lib/wasm-threads.ts): a thread per core where the page is isolated.
  if (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) setThreadsCount(navigator.hardwareConcurrency || 1);
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend failed to start in the browser");
  await tf.ready();
  if (request.coreKernels) registerTrainingKernels("wasm");
  const result: SpeedResult = {
    isolated: crossOriginIsolated,
    threads: getThreadsCount(),
    generationMs: await generationMs(request.generation),
    trainingMs: {},
  };
  for (const training of request.training) result.trainingMs[training.preset] = await trainingMs(training);
  return result;
}

(window as unknown as { ganvasBrowserSpeed: typeof measure }).ganvasBrowserSpeed = measure;
