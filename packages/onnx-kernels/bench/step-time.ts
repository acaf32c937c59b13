// Median wall time of one DcganTrainer.step on wasm with and without the onnxruntime kernels, side by side.
//   pnpm --filter @ganvas/onnx-kernels bench:step -- --size 32 --widths 16 --batch 64 --steps 8 [--threads 2]
//     [--parallel-min <multiply-adds>] [--only onnx] [--profile]
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-layers";
import { DcganTrainer, registerTrainingKernels } from "@ganvas/core";
import { registerOnnxKernels, unregisterOnnxKernels } from "../src/index";
import { stepSetup } from "./step-setup";

const {
  args,
  config,
  real: makeReal,
} = stepSetup({
  steps: { type: "string", default: "8" },
  warmup: { type: "string", default: "2" },
  threads: { type: "string" },
  "parallel-min": { type: "string" },
  only: { type: "string" },
  profile: { type: "boolean", default: false },
});

tf.env().set("PROD", true);
await tf.setBackend("wasm");
registerTrainingKernels("wasm");
const real = makeReal();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(label: string): Promise<number> {
  const trainer = new DcganTrainer({ config, seed: 1 });
  const times: number[] = [];
  for (let i = 0; i < Number(args.warmup) + Number(args.steps); i++) {
    const start = performance.now();
    await trainer.step(real);
    if (i >= Number(args.warmup)) times.push(performance.now() - start);
  }
  if (args.profile) {
    const profile = await tf.profile(async () => void (await trainer.step(real)));
    const byKernel = new Map<string, { ms: number; calls: number }>();
    for (const k of profile.kernels) {
      const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
      entry.ms += k.kernelTimeMs as number;
      entry.calls++;
      byKernel.set(k.name, entry);
    }
    console.log(`${label} profile:`);
    for (const [name, { ms, calls }] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14))
      console.log(`  ${name.padEnd(24)} ${ms.toFixed(1).padStart(8)} ms ${String(calls).padStart(5)} calls`);
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
