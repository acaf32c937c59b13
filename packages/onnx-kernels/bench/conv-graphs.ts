// Interleaved timings of the two ways each conv graph can be written (ONNX Conv / ConvTranspose with layout
// transposes, or slices of the input + MatMul), on the DCGAN presets' shapes: the evidence for conv-kernels.ts's choices.
//   pnpm --filter @ganvas/onnx-kernels bench:graphs [-- --threads 1] [--batch 64]
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { backend_util } from "@tensorflow/tfjs-core";
import {
  convFilterGradientByPatchesGraph,
  convFilterGradientGraph,
  convForwardByPatchesGraph,
  convForwardGraph,
  convInputGradientByPhasesGraph,
  convInputGradientGraph,
  type KernelGraph,
} from "../src/conv-graphs";
import { encodeModel } from "../src/onnx-graph";
import { loadOnnxRuntime } from "../src/onnx-runtime";
import { sessionOptions } from "../src/session-options";

const load = loadOnnxRuntime();
if (!load.ok) throw new Error(load.reason);
const { runtime } = load;
const argv = process.argv.slice(2);
const { values: args } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv,
  options: { threads: { type: "string" }, batch: { type: "string" } },
});
// The kernels run convs under 200M multiply-adds (all of the fast preset's) on one thread: time them so too.
const options = sessionOptions(args.threads === undefined ? availableParallelism() : Number(args.threads));

/** A function that runs the graph once on random inputs and returns its wall time in ms. */
function prepare(graph: KernelGraph): () => number {
  const session = runtime.createSession(encodeModel(graph.spec), options);
  const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  const feeds = Object.fromEntries(
    graph.spec.inputs.map((input) => [
      input.name,
      new runtime.Tensor(
        "float32",
        Float32Array.from({ length: size(input.shape) }, () => Math.random() - 0.5),
        input.shape,
      ),
    ]),
  );
  const output = graph.spec.outputs[0]!;
  const target = new runtime.Tensor("float32", new Float32Array(size(output.shape)), output.shape);
  const run = () => {
    const start = performance.now();
    session.run(feeds, { [output.name]: target }, {});
    return performance.now() - start;
  };
  run(); // warm-up: first runs allocate
  return run;
}

/** Median of each over `reps` alternating runs, so that machine noise hits both alike. */
function compare(a: KernelGraph, b: KernelGraph, reps: number): string {
  const [runA, runB] = [prepare(a), prepare(b)];
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < reps; i++) {
    timesA.push(runA());
    timesB.push(runB());
  }
  const median = (times: number[]) => [...times].sort((x, y) => x - y)[Math.floor(times.length / 2)]!;
  return `${median(timesA).toFixed(2)} vs ${median(timesB).toFixed(2)} ms`;
}

// [batch, size, in channels, out channels] of the fast (batch 64) and tutorial (batch 128) presets' layers.
const SHAPES: [number, number, number, number][] = [
  [64, 32, 1, 16],
  [64, 16, 16, 32],
  [64, 8, 32, 64],
  [64, 32, 1, 32],
  [64, 16, 32, 64],
  [64, 8, 64, 128],
  [128, 64, 1, 64],
  [128, 32, 64, 128],
  [128, 16, 128, 256],
  [128, 8, 256, 512],
  [128, 64, 1, 128],
  [128, 32, 128, 256],
];
const linear = { bias: false, activation: "linear" as const, leakyreluAlpha: 0 };
for (const [batch, size, inChannels, outChannels] of SHAPES.filter(
  ([batch]) => args.batch === undefined || batch === Number(args.batch),
)) {
  const info = backend_util.computeConv2DInfo(
    [batch, size, size, inChannels],
    [4, 4, inChannels, outChannels],
    2,
    1,
    "same",
    undefined,
    false,
    "channelsLast",
  );
  const reps = batch === 128 ? 5 : 41;
  const forward = compare(convForwardGraph(info, linear), convForwardByPatchesGraph(info, linear), reps);
  const filter = compare(convFilterGradientGraph(info)!, convFilterGradientByPatchesGraph(info), reps);
  const input = compare(convInputGradientGraph(info)!, convInputGradientByPhasesGraph(info)!, reps);
  console.log(
    `${batch}x${size}x${size}x${inChannels} -> ${outChannels}: forward conv vs patches ${forward} | filter gradient conv vs patches ${filter} | input gradient ConvTranspose vs phases ${input}`,
  );
}
