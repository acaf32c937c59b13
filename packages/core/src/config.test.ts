import { describe, expect, it } from "vitest";
import { ConfigError, discriminatorChannelsAt, generatorChannelsAt, validateConfig, type DcganConfig } from "./config";
import { PRESETS } from "./presets";

const valid: DcganConfig = { imageSize: 16, channels: 1, zDim: 8, generatorWidth: 4, discriminatorWidth: 4 };

describe("validateConfig", () => {
  it("returns a valid config unchanged", () => {
    expect(validateConfig(valid)).toBe(valid);
    expect(validateConfig({ ...valid, imageSize: 8, channels: 3 })).toEqual({ ...valid, imageSize: 8, channels: 3 });
    expect(validateConfig({ ...valid, numClasses: 10 })).toEqual({ ...valid, numClasses: 10 });
  });

  it.each([
    [{ imageSize: 48 }, /imageSize must be a power of two/],
    [{ imageSize: 4 }, /imageSize must be a power of two from 8/],
    [{ imageSize: 2048 }, /to 1024/],
    [{ imageSize: 16.5 }, /imageSize/],
    [{ channels: 2 }, /channels must be 1 \(grayscale\) or 3 \(RGB\), got 2/],
    [{ zDim: 0 }, /zDim must be a positive integer, got 0/],
    [{ generatorWidth: 2.5 }, /generatorWidth must be a positive integer/],
    [{ discriminatorWidth: -1 }, /discriminatorWidth must be a positive integer/],
    [{ numClasses: 1 }, /numClasses must be an integer from 2 to 1000 \(or absent for an unconditional DCGAN\), got 1/],
    [{ numClasses: 2.5 }, /numClasses must be an integer/],
  ])("rejects %j with a clear message", (change, message) => {
    const config = { ...valid, ...change } as DcganConfig;
    expect(() => validateConfig(config)).toThrow(ConfigError);
    expect(() => validateConfig(config)).toThrow(message);
  });

  it("names every problem at once", () => {
    const config = {
      imageSize: 12,
      channels: 4,
      zDim: 0,
      generatorWidth: 1,
      discriminatorWidth: 1,
    } as unknown as DcganConfig;
    expect(() => validateConfig(config)).toThrow(/imageSize.*; channels.*; zDim/);
  });
});

describe("channel widths", () => {
  it("follow the tutorial: features_g * 16 at 4x4 down to features_g * 2 at 32x32; D the reverse", () => {
    const { config } = PRESETS.tutorial;
    expect([4, 8, 16, 32].map((size) => generatorChannelsAt(config, size))).toEqual([1024, 512, 256, 128]);
    expect([32, 16, 8, 4].map((size) => discriminatorChannelsAt(config, size))).toEqual([64, 128, 256, 512]);
  });
});

describe("PRESETS", () => {
  it("has the tutorial exactly", () => {
    expect(PRESETS.tutorial).toMatchObject({
      config: { imageSize: 64, channels: 1, zDim: 100, generatorWidth: 64, discriminatorWidth: 64 },
      batchSize: 128,
      epochs: 10,
    });
  });

  it("has valid configs, positive batch sizes and epochs, and descriptions", () => {
    for (const preset of Object.values(PRESETS)) {
      expect(validateConfig(preset.config)).toBe(preset.config);
      expect(Number.isInteger(preset.batchSize) && preset.batchSize > 0).toBe(true);
      expect(Number.isInteger(preset.epochs) && preset.epochs > 0).toBe(true);
      expect(preset.description.length).toBeGreaterThan(20);
    }
    expect(PRESETS.fast.config.imageSize).toBe(32);
  });
});
