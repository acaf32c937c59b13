import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { buildDiscriminator, buildGenerator, PRESETS, type DcganConfig } from "@ganvas/core";
import { beforeAll, describe, expect, it } from "vitest";
import { dcganWeights, largestImageSize, MAX_WEIGHTS, networkSizeProblem } from "../../src/training/network-size";

beforeAll(() => tf.setBackend("cpu"));

describe("dcganWeights", () => {
  it.each([
    { name: "tiny", config: PRESETS.tiny.config },
    { name: "fast", config: PRESETS.fast.config },
    { name: "fast at 64, RGB", config: { ...PRESETS.fast.config, imageSize: 64, channels: 3 } as DcganConfig },
    { name: "fast, conditional on 10 classes", config: { ...PRESETS.fast.config, numClasses: 10 } },
  ])(
    "counts the conv weights core builds for $name (all but batch norm and biases: within 3 percent)",
    ({ config }) => {
      const generator = buildGenerator(config, 1);
      const discriminator = buildDiscriminator(config, 1);
      const built = generator.countParams() + discriminator.countParams();
      generator.dispose();
      discriminator.dispose();
      const estimate = dcganWeights(config);
      expect(estimate).toBeLessThanOrEqual(built);
      expect((built - estimate) / built).toBeLessThan(0.03);
    },
  );

  it("names the largest image size within the limit", () => {
    expect(largestImageSize({ ...PRESETS.tutorial.config, imageSize: 1024 })).toBe(128);
    expect(largestImageSize({ ...PRESETS.fast.config, imageSize: 1024 })).toBe(512);
    expect(networkSizeProblem({ ...PRESETS.tutorial.config, imageSize: 128 }, "tutorial")).toBeUndefined();
    expect(networkSizeProblem({ ...PRESETS.tutorial.config, imageSize: 256 }, "tutorial")).toMatch(
      /^The tutorial preset at 256x256 makes networks of \d+ million weights, more than the limit of 100 million: use --image-size 128 or smaller, or a narrower preset\.$/,
    );
    expect(dcganWeights({ ...PRESETS.tutorial.config, imageSize: 256 })).toBeGreaterThan(MAX_WEIGHTS);
  });
});
