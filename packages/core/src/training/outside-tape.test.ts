import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { outsideGradientTape } from "./outside-tape";

describe("outsideGradientTape", () => {
  it("records nothing on the enclosing tape, while a tape inside it still gives gradients", () => {
    const a = tf.variable(tf.scalar(2));
    const b = tf.variable(tf.scalar(5));
    let tapeBefore = 0;
    let tapeAfter = 0;
    let innerGradient = NaN;
    const outer = tf.variableGrads(() => {
      const y = tf.mul(a, 3);
      tapeBefore = tf.engine().state.activeTape.length;
      outsideGradientTape(() => {
        const inner = tf.variableGrads(() => tf.mul(tf.square(b), y) as tf.Scalar, [b]);
        innerGradient = inner.grads[b.name]!.dataSync()[0]!; // d(b^2 y)/db = 2 b y = 60
        b.assign(tf.sub(b, inner.grads[b.name]!)); // an optimizer step, off the outer tape
      });
      tapeAfter = tf.engine().state.activeTape.length;
      return tf.mul(y, b) as tf.Scalar; // b is a leaf here: dy/da = 3 b = 3 * (5 - 60)
    }, [a]);
    expect(innerGradient).toBe(60);
    expect(tapeAfter).toBe(tapeBefore);
    expect(outer.grads[a.name]!.dataSync()[0]).toBe(3 * (5 - 60));
    tf.dispose([a, b, outer.value, ...Object.values(outer.grads)]);
  });

  it("puts the enclosing tape back when the body throws", () => {
    const a = tf.variable(tf.scalar(1));
    const result = tf.variableGrads(() => {
      expect(() =>
        outsideGradientTape(() => {
          throw new Error("boom");
        }),
      ).toThrow("boom");
      return tf.mul(a, 4) as tf.Scalar;
    }, [a]);
    expect(result.grads[a.name]!.dataSync()[0]).toBe(4);
    tf.dispose([a, result.value, ...Object.values(result.grads)]);
  });
});
