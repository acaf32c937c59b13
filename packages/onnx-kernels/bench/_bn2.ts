import { loadOnnxRuntime } from "../src/onnx-runtime";
import { encodeModel, type GraphSpec } from "../src/onnx-graph";
import { sessionOptions } from "../src/session-options";
import { batchNormForwardGraph } from "../src/training-graphs";
const load = loadOnnxRuntime(); if (!load.ok) throw new Error(load.reason);
const { runtime } = load;
function prep(spec: GraphSpec) {
  const s = runtime.createSession(encodeModel(spec), { ...sessionOptions(1), extra: { session: { intra_op: { allow_spinning: "0" } } } });
  const size = (sh: number[]) => sh.reduce((a, b) => a * b, 1);
  const feeds = Object.fromEntries(spec.inputs.map((i) => [i.name, new runtime.Tensor("float32", Float32Array.from({ length: size(i.shape) }, () => Math.random() + 0.1), i.shape)]));
  const fetches = Object.fromEntries(spec.outputs.map((o) => [o.name, new runtime.Tensor("float32", new Float32Array(size(o.shape)), o.shape)]));
  return () => { const t = performance.now(); s.run(feeds, fetches, {}); return performance.now() - t; };
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!.toFixed(2);
const M = 64 * 16 * 16, C = 32;
const inference: GraphSpec = { nodes: [{ op: "BatchNormalization", inputs: ["x", "g", "b", "m", "v"], outputs: ["y"], attributes: { epsilon: 1e-5 } }],
  inputs: [{ name: "x", shape: [M, C] }, ...["g", "b", "m", "v"].map((name) => ({ name, shape: [C] }))], outputs: [{ name: "y", shape: [M, C] }] };
const training: GraphSpec = { nodes: [{ op: "BatchNormalization", inputs: ["x", "g", "b", "m", "v"], outputs: ["y", "rm", "rv"], attributes: { epsilon: 1e-5, momentum: 0, training_mode: 1 } }],
  inputs: [{ name: "x", shape: [M, C] }, ...["g", "b", "m", "v"].map((name) => ({ name, shape: [C] }))], outputs: [{ name: "y", shape: [M, C] }, { name: "rm", shape: [C] }, { name: "rv", shape: [C] }] };
const relu: GraphSpec = { nodes: [{ op: "Relu", inputs: ["x"], outputs: ["y"] }], inputs: [{ name: "x", shape: [M, C] }], outputs: [{ name: "y", shape: [M, C] }] };
const ours = batchNormForwardGraph([64, 16, 16, C], { epsilon: 1e-5, momentum: 0.9, activation: "relu", leakyreluAlpha: 0 }).spec;
for (const [name, spec] of [["BN inference [M,C]", inference], ["BN training [M,C]", training], ["single Relu", relu], ["our BN graph", ours]] as const) {
  try { const r = prep(spec); const t: number[] = []; for (let i = 0; i < 21; i++) t.push(r()); console.log(name, med(t), "ms"); } catch (e) { console.log(name, "failed:", String(e).slice(0, 200)); }
}
const reluSum: GraphSpec = { nodes: [{ op: "Relu", inputs: ["x"], outputs: ["r"] }, { op: "ReduceSum", inputs: ["r", "axes"], outputs: ["y"], attributes: { keepdims: 0 } }], inputs: [{ name: "x", shape: [M, C] }], outputs: [{ name: "y", shape: [C] }], constants: [{ name: "axes", values: [0] }] };
const sumOnly: GraphSpec = { nodes: [{ op: "ReduceSum", inputs: ["x", "axes"], outputs: ["y"], attributes: { keepdims: 0 } }], inputs: [{ name: "x", shape: [M, C] }], outputs: [{ name: "y", shape: [C] }], constants: [{ name: "axes", values: [0] }] };
for (const [name, spec] of [["Relu -> 2MB output", relu], ["Relu + ReduceSum -> 128B output", reluSum], ["ReduceSum only", sumOnly]] as const) {
  const r = prep(spec); const t: number[] = []; for (let i = 0; i < 41; i++) t.push(r()); console.log(name, med(t), "ms");
}
