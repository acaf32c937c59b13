import { createRequire } from "node:module";
import type { onnx as OnnxNamespace } from "onnx-proto";

const { onnx } = createRequire(import.meta.url)("onnx-proto") as { onnx: typeof OnnxNamespace };

/** ONNX opset the graphs are written against (ORT 1.30 runs 7 to 23). */
const OPSET = 17;
const IR_VERSION = 8;

export type Attribute = number | number[] | string;

export interface GraphNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, Attribute>;
}

export interface GraphValue {
  name: string;
  shape: number[];
}

/** A constant int64 vector (Slice's starts/ends/axes are inputs, not attributes, since opset 10). */
export interface Int64Constant {
  name: string;
  values: number[];
}

export interface GraphSpec {
  nodes: GraphNode[];
  inputs: GraphValue[];
  outputs: GraphValue[];
  constants?: Int64Constant[];
}

function attribute(name: string, value: Attribute): OnnxNamespace.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === "string") return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  return Number.isInteger(value)
    ? { name, type: AttributeType.INT, i: value }
    : { name, type: AttributeType.FLOAT, f: value };
}

function float32Value({ name, shape }: GraphValue): OnnxNamespace.IValueInfoProto {
  const elemType = onnx.TensorProto.DataType.FLOAT;
  return { name, type: { tensorType: { elemType, shape: { dim: shape.map((dimValue) => ({ dimValue })) } } } };
}

/** Serialises a float32 graph with static shapes to ONNX model bytes. */
export function encodeModel(spec: GraphSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: "ganvas",
    opsetImport: [{ domain: "", version: OPSET }],
    graph: {
      name: "ganvas-kernel",
      node: spec.nodes.map((node) => ({
        opType: node.op,
        input: node.inputs,
        output: node.outputs,
        attribute: Object.entries(node.attributes ?? {}).map(([name, value]) => attribute(name, value)),
      })),
      input: spec.inputs.map(float32Value),
      output: spec.outputs.map(float32Value),
      initializer: (spec.constants ?? []).map(({ name, values }) => ({
        name,
        dataType: onnx.TensorProto.DataType.INT64,
        dims: [values.length],
        int64Data: values,
      })),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
