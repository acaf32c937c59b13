import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli-process";
import { expectUserError } from "../support/user-error";

let root: string;
let registry: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-hostile-out-"));
  registry = join(root, "registry");
  const train = await runCli([
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
    "m",
  ]);
  expect(train.code).toBe(0);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const sample = (out: string) =>
  runCli(["sample", "m", "--count", "4", "--backend", "cpu", "--registry", registry, "--out", out]);

describe("sample --out", () => {
  it("into a folder that does not exist: says so before sampling", async () => {
    const out = join(root, "missing", "grid.png");
    const result = await sample(out);
    expectUserError(
      result,
      /--out .*missing\/grid\.png: the folder .*missing does not exist\. Create it first, or pass a path in an existing folder\./,
    );
    expect(result.stdout).not.toContain("Wrote");
    expect(existsSync(join(root, "missing"))).toBe(false);
  });

  it("onto a folder: says so before sampling", async () => {
    const folder = join(root, "a-folder");
    await mkdir(folder);
    const result = await sample(folder);
    expectUserError(result, /--out .*a-folder is a folder\. Pass a file name, e.g\. .*a-folder\/samples\.png\./);
  });

  it("under a path that is a file: says so before sampling", async () => {
    const file = join(root, "a-file");
    await writeFile(file, "not a folder");
    const result = await sample(join(file, "grid.png"));
    expectUserError(result, /--out .*a-file\/grid\.png: .*a-file is a file, not a folder\./);
  });
});
