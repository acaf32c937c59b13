import { loadOnnxRuntime } from "../src/onnx-runtime";
import { encodeModel } from "../src/onnx-graph";
import { sessionOptions } from "../src/session-options";
import { batchNormForwardGraph, batchNormBackwardGraph } from "../src/training-graphs";
const load = loadOnnxRuntime(); if (!load.ok) throw new Error(load.reason);
const { runtime } = load;
for (const spec of [batchNormForwardGraph([64, 16, 16, 32], { epsilon: 1e-5, momentum: 0.9, activation: "relu", leakyreluAlpha: 0 }).spec, batchNormBackwardGraph([64, 16, 16, 32], { activation: "relu", leakyreluAlpha: 0 }).spec]) {
  const s = runtime.createSession(encodeModel(spec), { ...sessionOptions(1), enableProfiling: true, profileFilePrefix: "/tmp/ortprof" });
  const size = (sh: number[]) => sh.reduce((a, b) => a * b, 1);
  const feeds = Object.fromEntries(spec.inputs.map((i) => [i.name, new runtime.Tensor("float32", Float32Array.from({ length: size(i.shape) }, () => Math.random() + 0.1), i.shape)]));
  const fetches = Object.fromEntries(spec.outputs.map((o) => [o.name, new runtime.Tensor("float32", new Float32Array(size(o.shape)), o.shape)]));
  for (let i = 0; i < 30; i++) s.run(feeds, fetches, {});
  (s as any).endProfiling?.();
  s.dispose();
}
