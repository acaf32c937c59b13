import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { runCli } from "./support/cli-process";

let root: string;
let registry: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-cli-"));
  registry = join(root, "registry");
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("ganvas CLI", () => {
  it("documents every training flag in --help", async () => {
    const { code, stdout } = await runCli(["train", "--help"]);
    expect(code).toBe(0);
    for (const flag of [
      "--data",
      "--data-dir",
      "--preset",
      "--epochs",
      "--batch-size",
      "--lr",
      "--image-size",
      "--z-dim",
      "--seed",
      "--max-steps",
      "--name",
      "--registry",
      "--backend",
      "--resume",
      "--conditional",
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain("mnist-embedded");
  });

  it("trains, publishes, lists, shows, aliases and samples a version", async () => {
    const train = await runCli([
      "train",
      "--preset",
      "tiny",
      "--max-steps",
      "3",
      "--backend",
      "cpu",
      "--registry",
      registry,
      "--name",
      "digits",
    ]);
    expect(train.stderr).toBe("");
    expect(train.code).toBe(0);
    expect(train.stdout).toContain("backend: using cpu: ");
    expect(train.stdout).toContain("Published digits@1");

    const record = await new Registry(registry).resolve("digits@latest");
    expect(record.manifest.training.steps).toBe(3);
    expect(record.manifest.training.backend).toBe("cpu");
    expect(record.manifest.dataset.name).toBe("mnist-embedded");
    expect(record.manifest.files.map((f) => f.path).sort()).toEqual(
      ["losses.json", "model.json", "samples.png", "weights.bin"].sort(),
    );
    const losses = JSON.parse(await readFile(join(record.dir, "losses.json"), "utf8")) as Array<{ step: number }>;
    expect(losses.map((l) => l.step)).toEqual([1, 2, 3]);

    const list = await runCli(["registry", "list", "--registry", registry]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/digits\s+1\s+latest/);

    const alias = await runCli(["registry", "alias", "digits", "1", "best", "--registry", registry]);
    expect(alias.code).toBe(0);
    const show = await runCli(["registry", "show", "digits@best", "--registry", registry]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('"architecture": "dcgan"');

    const out = join(root, "grid.png");
    const sample = await runCli([
      "sample",
      "digits@1",
      "--count",
      "4",
      "--seed",
      "3",
      "--out",
      out,
      "--registry",
      registry,
      "--backend",
      "cpu",
    ]);
    expect(sample.code).toBe(0);
    const png = PNG.sync.read(await readFile(out));
    const size = record.manifest.model.imageSize;
    // 4 images make a 2x2 grid: at least two images wide and tall.
    expect(png.width).toBeGreaterThanOrEqual(2 * size);
    expect(png.height).toBeGreaterThanOrEqual(2 * size);
    const again = join(root, "grid-again.png");
    await runCli([
      "sample",
      "digits@1",
      "--count",
      "4",
      "--seed",
      "3",
      "--out",
      again,
      "--registry",
      registry,
      "--backend",
      "cpu",
    ]);
    expect(await readFile(again)).toEqual(await readFile(out));
  });

  it("explains how to install a native backend that is not there", async () => {
    const { code, stderr } = await runCli([
      "train",
      "--backend",
      "tensorflow",
      "--max-steps",
      "1",
      "--registry",
      registry,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("@tensorflow/tfjs-node");
    expect(stderr).toMatch(/install it with/);
  });

  it("auto picks the best backend here and says why it skipped the others", async () => {
    const { code, stdout } = await runCli([
      "train",
      "--preset",
      "tiny",
      "--max-steps",
      "1",
      "--registry",
      registry,
      "--name",
      "auto",
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/skipped tensorflow-gpu: /);
    // The tests' machines have SwiftShader (Debian's chromium) as their only WebGPU adapter.
    expect(stdout).toMatch(
      /skipped webgpu: the only WebGPU adapter is google swiftshader \(SwiftShader driver [\d.]+\), which runs on the CPU/,
    );
    expect(stdout).toMatch(/skipped tensorflow: /);
    expect(stdout).toMatch(/chose onnxruntime: tfjs wasm with onnxruntime-node [\d.]+'s native conv kernels/);
  });

  it("trains on onnxruntime's kernels and records that backend in the version", async () => {
    const train = await runCli([
      "train",
      "--preset",
      "tiny",
      "--max-steps",
      "2",
      "--backend",
      "onnxruntime",
      "--registry",
      registry,
      "--name",
      "ort",
    ]);
    expect(train.code).toBe(0);
    const show = await runCli(["registry", "show", "ort@1", "--registry", registry]);
    expect(show.stdout).toMatch(/backend\W+onnxruntime/);
  });

  it("trains on webgpu when forced, software adapter included, and records the backend and adapter", async () => {
    const train = await runCli([
      "train",
      "--preset",
      "tiny",
      "--max-steps",
      "2",
      "--backend",
      "webgpu",
      "--registry",
      registry,
      "--name",
      "gpu",
    ]);
    expect(train.stderr).toBe("");
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(
      /using webgpu: tfjs WebGPU on Dawn, a software adapter, slower than the CPU backends: google swiftshader/,
    );
    const record = await new Registry(registry).resolve("gpu@1");
    expect(record.manifest.training.backend).toBe("webgpu");
    expect(record.manifest.training.device).toMatch(/^google swiftshader \(SwiftShader driver/);
    expect(record.manifest.training.steps).toBe(2);
  });

  it("rejects bad input with a clear message and a non-zero exit", async () => {
    const missingFolder = await runCli([
      "train",
      "--data",
      `folder:${join(root, "nope")}`,
      "--registry",
      registry,
      "--backend",
      "cpu",
    ]);
    expect(missingFolder.code).toBe(1);
    expect(missingFolder.stderr).toContain(join(root, "nope"));

    const badPreset = await runCli(["train", "--preset", "huge"]);
    expect(badPreset.code).not.toBe(0);
    expect(badPreset.stderr).toMatch(/huge/);

    const badSteps = await runCli(["train", "--max-steps", "0", "--registry", registry]);
    expect(badSteps.code).toBe(1);
    expect(badSteps.stderr).toContain(
      "option '--max-steps <n>' argument '0' is invalid. Use a whole number from 1 to 100,000,000.",
    );

    const unknown = await runCli(["sample", "no-such-model", "--registry", registry]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no-such-model/);

    const badResume = await runCli(["train", "--resume", "nothing-here", "--registry", registry]);
    expect(badResume.code).toBe(1);
    expect(badResume.stderr).toContain("no run.json");
  });
});
