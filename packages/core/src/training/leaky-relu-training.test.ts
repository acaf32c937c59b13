import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { randomTensor } from "../test-support/random";
import { leakyReluInTraining } from "./leaky-relu-training";

describe("leakyReluInTraining", () => {
  it("has tfjs's LeakyReLU values and gradient", () => {
    const x = randomTensor([4, 3, 3, 2], 1);
    const dy = randomTensor([4, 3, 3, 2], 2);
    const ours = tf.grad((input: tf.Tensor) => leakyReluInTraining(input, 0.2))(x, dy);
    const theirs = tf.grad((input: tf.Tensor) => tf.leakyRelu(input, 0.2))(x, dy);
    expect(Array.from(ours.dataSync())).toEqual(Array.from(theirs.dataSync()));
    const [y, expected] = [leakyReluInTraining(x, 0.2), tf.leakyRelu(x, 0.2)];
    expect(Array.from(y.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([x, dy, ours, theirs, y, expected]);
  });
});
