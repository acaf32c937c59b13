import { describe, expect, it } from "vitest";
import { isModelName } from "@ganvas/registry";
import { defaultModelName, evaluatorModelName } from "../src/registry/model-names";

describe("model names derived from the data set", () => {
  it("name a run's model after its data and preset, and a folder after its base name", () => {
    expect(defaultModelName("mnist-embedded", "fast")).toBe("mnist-embedded-fast");
    expect(defaultModelName("folder:/data/My Faces/", "tutorial")).toBe("my-faces-tutorial");
    expect(defaultModelName("folder:./__x", "fast")).toBe("x-fast");
  });

  it("name evaluators by data set and geometry, always as valid registry names", () => {
    expect(evaluatorModelName("mnist-embedded", 32, 1)).toBe("evaluator-mnist-embedded-32");
    expect(evaluatorModelName("folder:/photos/Cats", 64, 3)).toBe("evaluator-cats-64-rgb");
    for (const name of [
      defaultModelName(`folder:/${"a".repeat(90)}`, "fast"),
      evaluatorModelName("fashion-mnist", 64, 1),
    ]) {
      expect(isModelName(name)).toBe(true);
    }
  });
});
