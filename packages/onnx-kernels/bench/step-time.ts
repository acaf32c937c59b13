// Median wall time of one DcganTrainer.step on wasm with and without the onnxruntime kernels, side by side.
//   pnpm --filter @ganvas/onnx-kernels bench:step -- --size 32 --widths 16 --batch 64 --steps 8 [--threads 2]
//     [--parallel-min <multiply-adds>] [--only onnx] [--profile]
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-layers";
import { DcganTrainer, registerTrainingKernels, type DcganConfig } from "@ganvas/core";
import { registerOnnxKernels, unregisterOnnxKernels } from "../src/index";

const argv = process.argv.slice(2);
const { values: args } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv,
  options: {
    size: { type: "string", default: "32" },
    widths: { type: "string", default: "16" },
    batch: { type: "string", default: "64" },
    steps: { type: "string", default: "8" },
    warmup: { type: "string", default: "2" },
    threads: { type: "string" },
    "parallel-min": { type: "string" },
    only: { type: "string" },
    profile: { type: "boolean", default: false },
  },
});

tf.env().set("PROD", true);
await tf.setBackend("wasm");
registerTrainingKernels("wasm");
const config: DcganConfig = { imageSize: Number(args.size), channels: 1, zDim: 100, generatorWidth: Number(args.widths), discriminatorWidth: Number(args.widths) };
const batch = Number(args.batch);
const real = tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([batch, config.imageSize, config.imageSize, 1], 0, 1, "float32", 7), 2), 1)) as tf.Tensor4D;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(label: string): Promise<number> {
  const trainer = new DcganTrainer({ config, seed: 1 });
  const times: number[] = [];
  for (let i = 0; i < Number(args.warmup) + Number(args.steps); i++) {
    const start = performance.now();
    trainer.step(real);
    if (i >= Number(args.warmup)) times.push(performance.now() - start);
  }
  if (args.profile) {
    const profile = await tf.profile(() => void trainer.step(real));
    const byKernel = new Map<string, { ms: number; calls: number }>();
    for (const k of profile.kernels) {
      const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
      entry.ms += k.kernelTimeMs as number;
      entry.calls++;
      byKernel.set(k.name, entry);
    }
    console.log(`${label} profile:`);
    for (const [name, { ms, calls }] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14)) console.log(`  ${name.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms ${String(calls).padStart(5)} calls`);
  }
  const ms = median(times);
  console.log(`${label}: median ${ms.toFixed(1)} ms over ${times.length} steps`);
  return ms;
}

const threads = args.threads === undefined ? undefined : Number(args.threads);
let wasm: number | undefined;
if (args.only !== "onnx") wasm = await measure("wasm + core kernels");
const parallelMinMultiplyAdds = args["parallel-min"] === undefined ? undefined : Number(args["parallel-min"]);
const registered = registerOnnxKernels("wasm", { threads, parallelMinMultiplyAdds });
if (!registered.ok) throw new Error(registered.reason);
const onnx = await measure(`wasm + onnxruntime ${registered.runtimeVersion} kernels (${registered.threads} threads)`);
unregisterOnnxKernels("wasm");
if (wasm !== undefined) console.log(`speed-up: ${(wasm / onnx).toFixed(2)}x`);
