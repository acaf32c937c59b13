// Median wall time of one DcganTrainer.step on a tfjs backend, with or without the composed kernels.
//   pnpm --filter @ganvas/core bench -- --backend wasm --size 32 --widths 16 --batch 64 --steps 8
//   --input-kernel shipped|composed|native   which Conv2DBackpropInput to use (default: what the core registers)
//   --filter-kernel composed|native          which Conv2DBackpropFilter (native: the backend's own; wasm has none)
//   --profile                                per-kernel times of one step (tf.profile)
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { DcganTrainer, type DcganConfig } from "../src/index";
import { composedConv2DBackpropFilter } from "../src/kernels/conv2d-backprop-filter";
import { composedConv2DBackpropInput } from "../src/kernels/conv2d-backprop-input";

const argv = process.argv.slice(2);
const { values: args } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv, // pnpm passes the "--" separator through
  options: {
    backend: { type: "string", default: "wasm" },
    size: { type: "string", default: "32" },
    widths: { type: "string", default: "16" },
    z: { type: "string", default: "100" },
    batch: { type: "string", default: "64" },
    steps: { type: "string", default: "8" },
    warmup: { type: "string", default: "2" },
    "input-kernel": { type: "string", default: "shipped" },
    "filter-kernel": { type: "string", default: "composed" },
    profile: { type: "boolean", default: false },
  },
});

const backend = args.backend!;
const native = {
  input: tf.getKernel("Conv2DBackpropInput", backend),
  filter: tf.getKernel("Conv2DBackpropFilter", backend),
};
tf.env().set("PROD", true); // no tfjs-node hint in the output
await tf.setBackend(backend);

const config: DcganConfig = {
  imageSize: Number(args.size),
  channels: 1,
  zDim: Number(args.z),
  generatorWidth: Number(args.widths),
  discriminatorWidth: Number(args.widths),
};
const trainer = new DcganTrainer({ config, seed: 1 }); // registers the shipped kernels for this backend

function choose(
  kernelName: string,
  choice: string,
  nativeConfig: tf.KernelConfig | undefined,
  composed: tf.KernelFunc,
) {
  if (choice === "shipped") return;
  tf.unregisterKernel(kernelName, backend);
  if (choice === "native") {
    if (nativeConfig === undefined) throw new Error(`The ${backend} backend has no native ${kernelName}.`);
    tf.registerKernel(nativeConfig);
  } else {
    tf.registerKernel({ ...nativeConfig, kernelName, backendName: backend, kernelFunc: composed });
  }
}
choose(
  "Conv2DBackpropInput",
  args["input-kernel"]!,
  native.input,
  composedConv2DBackpropInput(backend, native.input?.kernelFunc),
);
choose(
  "Conv2DBackpropFilter",
  args["filter-kernel"]!,
  native.filter,
  composedConv2DBackpropFilter(backend, native.filter?.kernelFunc),
);

const batchSize = Number(args.batch);
const real = tf.tidy(() =>
  tf.sub(tf.mul(tf.randomUniform([batchSize, config.imageSize, config.imageSize, 1], 0, 1, "float32", 7), 2), 1),
) as tf.Tensor4D;
// Wall time suffers when other processes share the cores; this process's CPU time much less so (wasm and
// cpu backends run on one thread here), so both are reported.
const times: number[] = [];
const cpuTimes: number[] = [];
const total = Number(args.warmup) + Number(args.steps);
for (let i = 0; i < total; i++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await trainer.step(real);
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (i >= Number(args.warmup)) {
    times.push(elapsed);
    cpuTimes.push(cpuMs);
  }
  console.error(
    `step ${i + 1}/${total}: ${elapsed.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms cpu  dLoss ${result.dLoss.toFixed(4)} gLoss ${result.gLoss.toFixed(4)}`,
  );
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
  JSON.stringify({
    backend,
    config,
    batchSize,
    inputKernel: args["input-kernel"],
    filterKernel: args["filter-kernel"],
    medianMs: Math.round(median(times)),
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
    medianCpuMs: Math.round(median(cpuTimes)),
    steps: times.length,
  }),
);

if (args.profile) {
  const profile = await tf.profile(async () => void (await trainer.step(real)));
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of profile.kernels) {
    const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    entry.ms += Number(k.kernelTimeMs) || 0;
    entry.calls++;
    byKernel.set(k.name, entry);
  }
  const rows = [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
  for (const [name, { ms, calls }] of rows)
    console.log(`${name.padEnd(24)} ${ms.toFixed(0).padStart(7)} ms  ${calls} calls`);
}
real.dispose();
trainer.dispose();
