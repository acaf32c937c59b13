import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { runCli } from "./support/cli-process";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-recipe-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("recipe flags", () => {
  it("train with --width, --beta1, --real-label and --ema records them, and publishes the averaged generator", async () => {
    const registry = join(root, "registry");
    const train = (name: string, ...extra: string[]) =>
      runCli([
        "train",
        ...["--preset", "tiny", "--max-steps", "3", "--backend", "cpu", "--seed", "5"],
        ...["--registry", registry, "--name", name, ...extra],
      ]);
    const plain = await train("plain");
    const tuned = await train("tuned", "--width", "6", "--beta1", "0.6", "--real-label", "0.9", "--ema", "0.9");
    expect(tuned.stderr).toBe("");
    expect([plain.code, tuned.code]).toEqual([0, 0]);
    const reg = new Registry(registry);
    const plainManifest = (await reg.resolve("plain")).manifest;
    const { manifest } = await reg.resolve("tuned");
    expect(plainManifest.training.recipe).toBeUndefined();
    expect(manifest.training.recipe).toEqual({ beta1: 0.6, realLabel: 0.9, averageDecay: 0.9 });
    expect(manifest.model).toMatchObject({ generatorWidth: 6, discriminatorWidth: 6 });

    // --ema 0 turns the average off; the rest of the same run is the plain one, so its weights are identical.
    const noAverage = await train("no-average", "--ema", "0");
    expect(noAverage.code).toBe(0);
    const weights = async (name: string) =>
      Buffer.from((await reg.readFile(name, 1, "weights.bin")).bytes).toString("hex");
    expect((await reg.resolve("no-average")).manifest.training.recipe).toBeUndefined();
    expect(await weights("no-average")).toBe(await weights("plain"));
    // With an average, the published generator is not the last step's G: same seed, other weights.
    const averaged = await train("averaged", "--ema", "0.5");
    expect(averaged.code).toBe(0);
    expect(await weights("averaged")).not.toBe(await weights("plain"));
  }, 240_000);
});
