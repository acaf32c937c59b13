import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli-process";
import { expectUserError } from "../support/user-error";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-hostile-name-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("train --name", () => {
  it.each(["../../x", "Upper", "a/b", "-dash", "x".repeat(65)])(
    "rejects %j before loading data or writing anything",
    async (name) => {
      const registry = join(root, "nested", "registry");
      const result = await runCli([
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
        name,
      ]);
      expectUserError(result, /--name: Invalid model name .*use 1 to 64 characters of a-z, 0-9/);
      expect(result.stdout).not.toContain("data: loading");
      // Nothing was created: not the registry, not a run folder next to it or above it.
      expect(await readdir(root)).toEqual([]);
    },
  );
});
