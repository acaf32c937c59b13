import { backend_util } from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { convForwardGraph, type KernelGraph } from "../src/conv-graphs";
import { loadOnnxRuntime } from "../src/onnx-runtime";
import { SessionCache } from "../src/session-cache";
import { sessionOptions } from "../src/session-options";

function graphForBatch(batch: number): KernelGraph {
  const info = backend_util.computeConv2DInfo(
    [batch, 4, 4, 1],
    [3, 3, 1, 2],
    1,
    1,
    "same",
    undefined,
    false,
    "channelsLast",
  );
  return convForwardGraph(info, { bias: false, activation: "linear", leakyreluAlpha: 0 });
}

describe("the session cache", () => {
  const load = loadOnnxRuntime();
  if (!load.ok) throw new Error(load.reason);

  it("builds one session per graph shape and reuses it", () => {
    const cache = new SessionCache(load.runtime, () => sessionOptions(1));
    const first = cache.get(graphForBatch(1));
    expect(cache.get(graphForBatch(1))).toBe(first);
    expect(cache.get(graphForBatch(2))).not.toBe(first);
    expect(cache.size).toBe(2);
  });

  it("drops the least recently used session when full", () => {
    const cache = new SessionCache(load.runtime, () => sessionOptions(1), 2);
    const one = cache.get(graphForBatch(1));
    const two = cache.get(graphForBatch(2));
    cache.get(graphForBatch(1)); // 1 is now the most recent: 2 goes next
    cache.get(graphForBatch(3));
    expect(cache.size).toBe(2);
    expect(cache.get(graphForBatch(1))).toBe(one);
    expect(cache.get(graphForBatch(2))).not.toBe(two); // rebuilt
  });
});
