// What each speed-up gives a training step, side by side in one process: blocks of steps alternate between
// "everything on" and "one lever off", round after round, so that the machine's drift hits all alike.
//   pnpm --filter @ganvas/onnx-kernels bench:levers -- [--size 32 --widths 16 --batch 64] [--rounds 6] [--steps 6]
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-layers";
import { DcganTrainer, registerTrainingKernels, TRAINING_KERNEL_GROUPS } from "@ganvas/core";
import { ONNX_KERNEL_NAMES, registerOnnxKernels } from "../src/index";
import { stepSetup } from "./step-setup";

const {
  args,
  config,
  batch,
  real: makeReal,
} = stepSetup({
  rounds: { type: "string", default: "6" },
  steps: { type: "string", default: "6" },
  warmup: { type: "string", default: "4" },
});

type Kernels = Map<string, tf.KernelConfig | undefined>;
const BACKEND = "wasm";
const snapshot = (names: readonly string[]): Kernels =>
  new Map(names.map((name) => [name, tf.getKernel(name, BACKEND)]));
function install(kernels: Kernels): void {
  for (const [name, config] of kernels) {
    if (tf.getKernel(name, BACKEND) !== undefined) tf.unregisterKernel(name, BACKEND);
    if (config !== undefined) tf.registerKernel(config);
  }
}

tf.env().set("PROD", true);
await tf.setBackend(BACKEND);
const coreNames = Object.values(TRAINING_KERNEL_GROUPS).flat();
const shipped = snapshot([...coreNames, ...ONNX_KERNEL_NAMES]);
registerTrainingKernels(BACKEND);
const withCore = snapshot(ONNX_KERNEL_NAMES); // wasm's kernels with core's, before the native ones
const registered = registerOnnxKernels(BACKEND);
if (!registered.ok) throw new Error(registered.reason);

const groups: Record<string, readonly string[]> = { "onnxruntime convs": ONNX_KERNEL_NAMES, ...TRAINING_KERNEL_GROUPS };
const allOn = snapshot([...coreNames, ...ONNX_KERNEL_NAMES]);
const offStates = Object.entries(groups).map(([lever, names]) => {
  const off = new Map(allOn);
  // Off means as without this lever: wasm's own kernels (with core's) for the convs, the composed forms (no
  // kernel) or wasm's own Identity for core's.
  for (const name of names) off.set(name, (lever === "onnxruntime convs" ? withCore : shipped).get(name));
  return { lever, kernels: off };
});
const configurations = [{ lever: "everything on", kernels: allOn }, ...offStates];

const real = makeReal();
const trainer = new DcganTrainer({ config, seed: 1 });
const times = new Map(configurations.map(({ lever }) => [lever, [] as number[]]));
for (const { kernels } of configurations) {
  install(kernels);
  for (let i = 0; i < Number(args.warmup); i++) await trainer.step(real);
}
for (let round = 0; round < Number(args.rounds); round++) {
  for (const { lever, kernels } of configurations) {
    install(kernels);
    await trainer.step(real); // the first step after a switch pays for recompiled JS and reallocated buffers
    for (let i = 0; i < Number(args.steps); i++) {
      const start = performance.now();
      await trainer.step(real);
      times.get(lever)!.push(performance.now() - start);
    }
  }
  process.stderr.write(`round ${round + 1}/${args.rounds}\r`);
}
install(allOn);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const base = median(times.get("everything on")!);
console.log(
  `\nfast step ${config.imageSize}x${config.imageSize}, widths ${args.widths}, batch ${batch}: ${args.rounds} rounds x ${args.steps} steps per configuration`,
);
console.log("| configuration | median ms | vs everything on |\n| --- | --- | --- |");
for (const { lever } of configurations) {
  const ms = median(times.get(lever)!);
  console.log(
    `| ${lever === "everything on" ? lever : `without ${lever}`} | ${ms.toFixed(1)} | ${(ms / base).toFixed(2)}x |`,
  );
}
