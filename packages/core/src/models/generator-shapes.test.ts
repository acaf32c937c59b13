import { describe, expect, it } from "vitest";
import { ConfigError } from "../config";
import { PRESETS } from "../presets";
import { buildGenerator } from "./generator";
import { generatorWeightShapes } from "./generator-shapes";
import { serializeLayersModel } from "./layers-artifacts";

describe("generatorWeightShapes", () => {
  it.each(["tiny", "fast"] as const)("lists the saved weights of the %s generator, in order", async (preset) => {
    const model = buildGenerator(PRESETS[preset].config, 1);
    try {
      const { modelJson } = await serializeLayersModel(model);
      const saved = (JSON.parse(modelJson) as { weightsManifest: { weights: { name: string; shape: number[] }[] }[] })
        .weightsManifest[0]!.weights;
      expect(generatorWeightShapes(PRESETS[preset].config)).toEqual(saved.map(({ name, shape }) => ({ name, shape })));
    } finally {
      model.dispose();
    }
  });

  it("refuses a config that builds no DCGAN", () => {
    expect(() => generatorWeightShapes({ ...PRESETS.tiny.config, imageSize: 12 })).toThrow(ConfigError);
  });
});
