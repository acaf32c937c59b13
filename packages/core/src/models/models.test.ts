import * as tf from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { afterAll, describe, expect, it } from "vitest";
import type { DcganConfig } from "../config";
import { PRESETS } from "../presets";
import { TINY, weightValues } from "../test-support/tiny";
import { buildDiscriminator } from "./discriminator";
import { buildGenerator } from "./generator";

const built: LayersModel[] = [];
function keep<T extends LayersModel>(model: T): T {
  built.push(model);
  return model;
}
afterAll(() => built.forEach((m) => m.dispose()));

const trainableCount = (model: LayersModel) =>
  model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
const outputShapes = (model: LayersModel) =>
  model.layers.map((layer) => (layer.outputShape as number[]).slice(1).join("x"));

describe("the tutorial's models", () => {
  const generator = keep(buildGenerator(PRESETS.tutorial.config, 1));
  const discriminator = keep(buildDiscriminator(PRESETS.tutorial.config, 2));

  it("have PyTorch's trainable parameter counts (G 12,654,337; D 2,763,585)", () => {
    expect(trainableCount(generator)).toBe(12_654_337);
    expect(trainableCount(discriminator)).toBe(2_763_585);
  });

  it("have the tutorial's layer sizes", () => {
    expect(outputShapes(generator)).toEqual([
      "1x1x100",
      ...["4x4x1024", "8x8x512", "16x16x256", "32x32x128"].flatMap((shape) => [shape, shape, shape]),
      "64x64x1",
    ]);
    expect(outputShapes(discriminator)).toEqual([
      "32x32x64",
      "32x32x64",
      ...["16x16x128", "8x8x256", "4x4x512"].flatMap((shape) => [shape, shape, shape]),
      "1x1x1",
      "1",
    ]);
  });

  it("use bias only where no batch norm follows, and PyTorch's batch-norm settings", () => {
    const withBias = (model: LayersModel) =>
      model.layers.filter((l) => l.getConfig().useBias === true).map((l) => l.name);
    expect(withBias(generator)).toEqual(["g_deconv_out"]);
    expect(withBias(discriminator)).toEqual(["d_conv_32", "d_conv_out"]);
    const norms = [...generator.layers, ...discriminator.layers].filter(
      (l) => l.getClassName() === "BatchNormalization",
    );
    expect(norms).toHaveLength(7);
    for (const norm of norms) expect(norm.getConfig()).toMatchObject({ momentum: 0.9, epsilon: 1e-5 });
  });

  it("start from the DCGAN initialisation: kernels N(0, 0.02), gamma N(1, 0.02), zero biases and betas", () => {
    const stats = (name: string) => {
      const values = Array.from(
        generator.weights
          .find((w) => w.originalName === name)!
          .read()
          .dataSync(),
      );
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
      return { mean, std };
    };
    const kernel = stats("g_deconv_8/kernel");
    expect(Math.abs(kernel.mean)).toBeLessThan(1e-4);
    expect(kernel.std).toBeCloseTo(0.02, 3);
    const gamma = stats("g_bn_4/gamma");
    expect(gamma.mean).toBeCloseTo(1, 2);
    expect(gamma.std).toBeCloseTo(0.02, 2);
    expect(stats("g_bn_4/beta")).toEqual({ mean: 0, std: 0 });
    expect(stats("g_deconv_out/bias")).toEqual({ mean: 0, std: 0 });
    expect(stats("g_bn_4/moving_variance")).toEqual({ mean: 1, std: 0 });
  });
});

describe("models for any power-of-two size", () => {
  it.each([8, 16, 32])(
    "size %i: G maps [N, zDim] to images in [-1, 1], D maps images to [N, 1] in (0, 1)",
    (imageSize) => {
      const config: DcganConfig = { ...TINY, imageSize, channels: 3 };
      const generator = keep(buildGenerator(config, 1));
      const discriminator = keep(buildDiscriminator(config, 2));
      expect(generator.inputs[0]!.shape).toEqual([null, config.zDim]);
      expect(generator.outputs[0]!.shape).toEqual([null, imageSize, imageSize, 3]);
      expect(discriminator.outputs[0]!.shape).toEqual([null, 1]);
      const [images, probabilities] = tf.tidy(() => {
        const fake = generator.predict(tf.mul(tf.ones([5, config.zDim]), 40)) as tf.Tensor;
        return [fake, discriminator.predict(fake) as tf.Tensor];
      });
      expect(images!.shape).toEqual([5, imageSize, imageSize, 3]);
      expect(probabilities!.shape).toEqual([5, 1]);
      const pixels = images!.dataSync();
      expect(Math.min(...pixels)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
      for (const p of probabilities!.dataSync()) expect(p > 0 && p < 1).toBe(true);
      tf.dispose([images!, probabilities!]);
    },
  );

  it("the same seed gives identical weights; another seed different ones", () => {
    const a = weightValues(keep(buildGenerator(TINY, 7)));
    expect(weightValues(keep(buildGenerator(TINY, 7)))).toEqual(a);
    expect(weightValues(keep(buildGenerator(TINY, 8)))).not.toEqual(a);
    expect(weightValues(keep(buildDiscriminator(TINY, 7)))).toEqual(weightValues(keep(buildDiscriminator(TINY, 7))));
  });

  it("rejects an invalid config", () => {
    expect(() => buildGenerator({ ...TINY, imageSize: 12 }, 1)).toThrow(/power of two/);
    expect(() => buildDiscriminator({ ...TINY, channels: 2 as 1 }, 1)).toThrow(/channels/);
  });
});
