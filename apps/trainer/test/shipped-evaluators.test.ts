import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deserializeLayersModel } from "@ganvas/core";
import { Registry } from "@ganvas/registry";
import { loadDataset } from "../src/data";
import { measureEvaluator } from "../src/quality/score-generator";
import { readShippedEvaluator, SHIPPED_EVALUATORS_DIR } from "../src/quality/shipped-evaluators";
import { runCli } from "./support/cli-process";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-shipped-"));
  await tf.setBackend("cpu");
});
afterAll(() => rm(root, { recursive: true, force: true }));

const shippedNames = await readdir(SHIPPED_EVALUATORS_DIR);

describe("the evaluators that ship with the trainer", () => {
  it("ship for the embedded digits and clothes at 32 pixels", () => {
    expect(shippedNames.sort()).toEqual(["evaluator-fashion-mnist-embedded-32", "evaluator-mnist-embedded-32"]);
  });

  // The figures recorded by `train-evaluator --ship` on the cpu backend must come out of the files again
  // exactly: a changed weights file, data split or scoring path shows up here.
  it.each(shippedNames)(
    "%s gives exactly the held-out accuracy and real-data floor it shipped with",
    async (name) => {
      const shipped = await readShippedEvaluator(name);
      const { info } = shipped!;
      const dataset = await loadDataset(name.replace(/^evaluator-/, "").replace(/-32$/, ""), {
        cacheDir: join(root, "cache"),
        imageSize: info.imageSize,
        channels: info.channels,
        log: () => {},
      });
      expect(dataset.heldOut.count).toBe(info.heldOutCount);
      const classifier = await deserializeLayersModel({ modelJson: shipped!.modelJson, weights: shipped!.weights });
      try {
        const figures = await measureEvaluator(classifier, dataset, info.check.samples);
        expect(figures).toEqual(info.check);
      } finally {
        classifier.dispose();
      }
    },
    300_000,
  );

  it("score a fresh registry's first run without train-evaluator, a 64x64 one on averaged-down images", async () => {
    const registry = join(root, "registry");
    const train = (name: string, imageSize: string) =>
      runCli([
        "train",
        ...["--preset", "tiny", "--image-size", imageSize, "--max-steps", "2", "--backend", "wasm"],
        ...["--registry", registry, "--name", name],
      ]);
    const first = await train("small", "32");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      "quality: added the evaluator that ships with Ganvas to the registry as evaluator-mnist-embedded-32@1",
    );
    expect(first.stdout).toMatch(
      /quality: classifier-space Fréchet distance \d+\.\d\d on 1,005 samples \(lower is better; real training images score \d+\.\d\d, this is \d+\.\dx that\); rarest class \d at/,
    );
    const large = await train("large", "64");
    expect(large.code).toBe(0);
    expect(large.stdout).not.toContain("added the evaluator");

    const reg = new Registry(registry);
    expect((await reg.listVersions("evaluator-mnist-embedded-32")).map((r) => r.version)).toEqual([1]);
    const shipped = (await readShippedEvaluator("evaluator-mnist-embedded-32"))!.info;
    for (const name of ["small", "large"]) {
      const quality = (await reg.resolve(name)).manifest.metrics.quality!;
      expect(quality.evaluator).toBe("evaluator-mnist-embedded-32@1");
      expect(quality.samples).toBe(1005);
      // Two steps of a tiny DCGAN draw noise: far from what real digits score.
      expect(quality.value).toBeGreaterThan(5 * quality.realDataFloor!);
    }
    // At 32 pixels the floor is the shipped one (same data, evaluator and seed; another backend's rounding); the
    // 64x64 version's comes from images resized to 64 and averaged back down, close to it but not the same.
    expect((await reg.resolve("small")).manifest.metrics.quality!.realDataFloor).toBeCloseTo(shipped.realDataFloor, 3);
    const largeFloor = (await reg.resolve("large")).manifest.metrics.quality!.realDataFloor!;
    expect(Math.abs(largeFloor / shipped.realDataFloor - 1)).toBeLessThan(0.5);
  }, 300_000);
});
