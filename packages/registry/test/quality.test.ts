import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleDraft, sampleFiles, sampleQuality as quality, withTempRegistry } from "./support/sample";

describe("quality scores", () => {
  it("are recorded on a published version without touching its files", () =>
    withTempRegistry(async (registry) => {
      const published = await registry.publish({ name: "gan", manifest: sampleDraft(), files: sampleFiles("a") });
      const before = published.manifest.files;
      const scored = await registry.setQuality("gan", 1, quality);
      expect(scored.manifest.metrics.quality).toEqual(quality);
      expect(scored.manifest.files).toEqual(before);
      expect((await registry.resolve("gan@latest")).manifest.metrics.quality?.value).toBe(12.5);
      await expect(registry.verifyVersion("gan", 1)).resolves.toBeDefined();
      const onDisk = JSON.parse(await readFile(join(published.dir, "manifest.json"), "utf8"));
      expect(onDisk.metrics.quality.evaluator).toBe("evaluator@1");
    }));

  it("are validated, and name the broken field", () =>
    withTempRegistry(async (registry) => {
      await registry.publish({ name: "gan", manifest: sampleDraft(), files: sampleFiles("a") });
      await expect(registry.setQuality("gan", 1, { ...quality, samples: 0 })).rejects.toThrow(
        /metrics\.quality\.samples/,
      );
      await expect(registry.setQuality("gan", 2, quality)).rejects.toThrow(/no version 2/);
      expect((await registry.resolve("gan")).manifest.metrics.quality).toBeNull();
    }));

  it("accept evaluator versions with their held-out accuracy", () =>
    withTempRegistry(async (registry) => {
      const draft = sampleDraft();
      const evaluator = await registry.publish({
        name: "evaluator",
        manifest: {
          ...draft,
          model: { architecture: "lenet-evaluator", imageSize: 8, channels: 1, classes: 10 },
          metrics: { finalDLoss: null, finalGLoss: null, quality: null, heldOutAccuracy: 0.985 },
        },
        files: sampleFiles("e"),
      });
      expect(evaluator.manifest.metrics.heldOutAccuracy).toBe(0.985);
      await expect(
        registry.publish({
          name: "evaluator",
          manifest: { ...draft, metrics: { ...draft.metrics, heldOutAccuracy: 1.5 } },
          files: sampleFiles("f"),
        }),
      ).rejects.toThrow(/metrics\.heldOutAccuracy/);
    }));
});
