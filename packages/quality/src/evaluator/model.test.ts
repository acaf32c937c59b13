import * as tfc from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { buildEvaluator, evaluatorFeatureModel } from "./model";

const SIZE = 8;

describe("buildEvaluator", () => {
  it("maps [N, size, size, channels] images to class probabilities, with a 128-wide feature layer", () => {
    const model = buildEvaluator({ imageSize: 28, channels: 1, seed: 1 });
    const features = evaluatorFeatureModel(model);
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
    expect(features.outputs[0]!.shape).toEqual([null, 128]);
    const probabilities = tfc.tidy(() => tfc.sum(model.predict(tfc.zeros([3, 28, 28, 1])) as tfc.Tensor, 1));
    expect(Array.from(probabilities.dataSync())).toEqual([1, 1, 1].map((x) => expect.closeTo(x, 5)));
    probabilities.dispose();
    model.dispose();
  });

  it("starts from the same weights for the same seed and other weights for another", () => {
    const weightsOf = (seed: number) => {
      const model = buildEvaluator({ imageSize: SIZE, channels: 1, classes: 2, seed });
      const values = model.getWeights()[0]!.dataSync().slice();
      model.dispose();
      return values;
    };
    expect(weightsOf(5)).toEqual(weightsOf(5));
    expect(weightsOf(5)).not.toEqual(weightsOf(6));
  });

  it("refuses sizes it cannot pool twice and fewer than two classes", () => {
    expect(() => buildEvaluator({ imageSize: 2, channels: 1, seed: 1 })).toThrow(/imageSize/);
    expect(() => buildEvaluator({ imageSize: 8, channels: 1, classes: 1, seed: 1 })).toThrow(/classes/);
  });
});
