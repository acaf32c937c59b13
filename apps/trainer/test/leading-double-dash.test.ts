import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { runPnpmStart } from "./support/pnpm-start";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-dash-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

// pnpm passes everything after the script name through, `--` included: `pnpm start -- --help` is the npm habit.
describe("a leading -- before the CLI's arguments", () => {
  it("`pnpm --filter trainer start -- --help` prints the help", async () => {
    const help = await runPnpmStart(["--", "--help"]);
    expect(help.stderr).not.toContain("too many arguments");
    expect(help.stdout).toContain("Usage: ganvas");
    expect(help.code).toBe(0);
  });

  it("`pnpm --filter trainer start -- train ...` trains", async () => {
    const registry = join(root, "registry");
    const args = [
      "--",
      "train",
      "--preset",
      "tiny",
      "--max-steps",
      "1",
      "--backend",
      "cpu",
      "--registry",
      registry,
      "--name",
      "dashed",
    ];
    const train = await runPnpmStart(args);
    expect(train.stderr).not.toContain("error:");
    expect(train.code).toBe(0);
    expect(train.stdout).toContain("Published dashed@1");
    expect((await new Registry(registry).resolve("dashed")).manifest.training.steps).toBe(1);
  });
});
