import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";

describe(`Identity on ${tf.getBackend()}`, () => {
  it("clones share the buffer (no copy) and outlive their source", () => {
    const source = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const buffers = tf.engine().backend.numDataIds();
    const copy = tf.clone(source);
    // wasm with core's kernel shares, as cpu does on its own: no new buffer.
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    source.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3, 4]);
    copy.dispose();
  });

  it("strings keep the backend's own kernel", () => {
    if (tf.getBackend() !== "wasm") return;
    const text = tf.tensor1d(["a", "b"], "string");
    const copy = tf.clone(text);
    expect(copy.arraySync()).toEqual(["a", "b"]);
    tf.dispose([text, copy]);
  });
});
