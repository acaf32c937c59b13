import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { runCli } from "./support/cli-process";

let root: string;
let registry: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-max-minutes-"));
  registry = join(root, "registry");
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The tiny preset's steps in 40 epochs of the 8,995 embedded training digits, at its batch of 16. */
const FORTY_EPOCHS_OF_STEPS = 40 * Math.floor(8995 / 16);

describe("train --max-minutes", () => {
  it("stops after the time given, then publishes the version with its grid", async () => {
    const train = await runCli([
      "train",
      ...["--preset", "tiny", "--epochs", "40", "--max-minutes", "0.05"],
      ...["--backend", "cpu", "--registry", registry, "--name", "timed"],
    ]);
    expect(train.stderr).toBe("");
    expect(train.code).toBe(0);
    expect(train.stdout).toContain("Published timed@1");

    const { manifest } = await new Registry(registry).resolve("timed@1");
    // 3 seconds of training: some steps, far from the 40 epochs asked for.
    expect(manifest.training.steps).toBeGreaterThan(0);
    expect(manifest.training.steps).toBeLessThan(FORTY_EPOCHS_OF_STEPS / 4);
    expect(manifest.training.wallTimeSeconds).toBeGreaterThanOrEqual(3);
    expect(manifest.files.some((file) => file.role === "samples")).toBe(true);
  });

  it("is in --help and refuses a time that is not above zero", async () => {
    const help = await runCli(["train", "--help"]);
    expect(help.stdout).toContain("--max-minutes <m>");
    for (const bad of ["0", "soon", "20000"]) {
      const refused = await runCli(["train", "--max-minutes", bad, "--registry", registry]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `option '--max-minutes <m>' argument '${bad}' is invalid. Use a number of minutes above 0 and at most 10,080 (a week), such as 3 or 0.5.`,
      );
    }
  });
});
