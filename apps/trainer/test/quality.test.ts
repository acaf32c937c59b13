import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { runCli } from "./support/cli-process";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-quality-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("quality scores", () => {
  it("train-evaluator publishes an evaluator; train and evaluate then score versions with it", async () => {
    const registry = join(root, "registry");
    const trainTiny = (name: string, ...extra: string[]) =>
      runCli([
        "train",
        "--preset",
        "tiny",
        "--max-steps",
        "2",
        "--backend",
        "cpu",
        "--registry",
        registry,
        "--name",
        name,
        ...extra,
      ]);
    // Nothing ships at 16x16 (the shipped evaluators are 32x32; larger versions are averaged down to them).
    const noEvaluator = await trainTiny("g");
    expect(noEvaluator.code).toBe(0);
    expect(noEvaluator.stdout).toContain("train-evaluator --data mnist-embedded --image-size 16");
    const unscored = await runCli(["evaluate", "g", "--registry", registry, "--backend", "cpu"]);
    expect(unscored.code).toBe(1);
    expect(unscored.stderr).toContain("No evaluator evaluator-mnist-embedded-16");

    const evaluator = await runCli([
      "train-evaluator",
      "--image-size",
      "16",
      "--epochs",
      "2",
      "--backend",
      "wasm",
      "--registry",
      registry,
    ]);
    expect(evaluator.code).toBe(0);
    const reg = new Registry(registry);
    const evaluatorRecord = await reg.resolve("evaluator-mnist-embedded-16");
    expect(evaluatorRecord.manifest.model.architecture).toBe("lenet-evaluator");
    // Two epochs over 8,995 digits already separate them well (~94%); the real default trains 10.
    expect(evaluatorRecord.manifest.metrics.heldOutAccuracy).toBeGreaterThan(0.9);

    const scoredAtPublish = await trainTiny("g");
    expect(scoredAtPublish.code).toBe(0);
    const v2 = await reg.resolve("g@2");
    const quality = v2.manifest.metrics.quality;
    expect(quality?.kind).toBe("classifier-frechet");
    expect(quality?.evaluator).toBe("evaluator-mnist-embedded-16@1");
    expect(quality?.samples).toBe(1005);
    expect(quality?.classHistogram.reduce((a, b) => a + b, 0)).toBe(1005);
    expect(quality?.value).toBeGreaterThan(0);
    // Beside it, what 1,005 real training digits score against the same held-out ones.
    expect(quality?.realDataFloor).toBeGreaterThan(0);
    expect(quality!.realDataFloor!).toBeLessThan(quality!.value);
    expect(scoredAtPublish.stdout).toContain(`real training images score ${quality!.realDataFloor!.toFixed(2)}`);

    const evaluate = await runCli(["evaluate", "g", "--all", "--registry", registry, "--backend", "cpu"]);
    expect(evaluate.stderr).toBe("");
    expect(evaluate.code).toBe(0);
    expect(evaluate.stdout).toMatch(/g@1: classifier-space Fréchet distance/);
    const [v1, v2Again] = await reg.listVersions("g");
    expect(v1?.manifest.metrics.quality?.samples).toBe(1005);
    // Scoring is deterministic: the same generator, evaluator and seed give the same value again.
    expect(v2Again?.manifest.metrics.quality?.value).toBeCloseTo(quality!.value, 6);
    await expect(reg.verifyVersion("g", 1)).resolves.toBeDefined();

    // A conditional generator is also scored on the classes it was asked for, 100 samples of each.
    const conditional = await trainTiny("c", "--conditional");
    expect(conditional.code).toBe(0);
    expect(conditional.stdout).toMatch(
      /quality: drew the requested class for \d+\.\d% of 1,000 samples .*per class: 0 /,
    );
    const accuracy = (await reg.resolve("c@1")).manifest.metrics.quality?.classAccuracy;
    expect(accuracy?.samples).toBe(1000);
    expect(accuracy?.perClass).toHaveLength(10);
    // Every class asked for equally often: the overall accuracy is the mean of the classes'.
    expect(accuracy!.overall).toBeCloseTo(accuracy!.perClass.reduce((a, b) => a + b, 0) / 10, 10);
    const again = await runCli(["evaluate", "c", "--registry", registry, "--backend", "cpu"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`drew the requested class for ${(accuracy!.overall * 100).toFixed(1)}%`);
    expect((await reg.resolve("c@1")).manifest.metrics.quality?.classAccuracy).toEqual(accuracy);
    // Seven real CLI runs, three of them training: ~55 s alone, far longer beside the other packages' tests.
  }, 360_000);
});
