import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { type LocalRegistryServers, startRegistryServers } from "@ganvas/registry/testing";
import { runCli } from "./support/cli-process";

let servers: LocalRegistryServers;
let root: string;
let env: Record<string, string>;

beforeAll(async () => {
  [servers, root] = await Promise.all([startRegistryServers(), mkdtemp(join(tmpdir(), "ganvas-db-cli-"))]);
  env = { ...(await servers.newRegistry()), GANVAS_RUNS: join(root, "runs") };
});
afterAll(async () => {
  await servers?.stop();
  await rm(root, { recursive: true, force: true });
});

describe("the trainer with a PostgreSQL + S3 registry (GANVAS_REGISTRY=postgres://...)", () => {
  it("trains and publishes there, keeps the run on local disk, lists, samples, copies and collects garbage", async () => {
    const args = ["--preset", "tiny", "--max-steps", "2", "--backend", "cpu", "--name", "pgdigits"];
    const train = await runCli(["train", ...args], env);
    expect(train.stderr).toBe("");
    expect(train.code).toBe(0);
    expect(train.stdout).toContain("Published pgdigits@1");
    expect(train.stdout).toContain(`to ${env.GANVAS_REGISTRY}`);
    expect((await readdir(join(root, "runs")))[0]).toMatch(/^pgdigits-/);

    const list = await runCli(["registry", "list"], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/pgdigits\s+1\s+latest/);

    const out = join(root, "grid.png");
    const sample = await runCli(["sample", "pgdigits", "--count", "4", "--backend", "cpu", "--out", out], env);
    expect(sample.stderr).toBe("");
    expect(PNG.sync.read(await readFile(out)).width).toBeGreaterThan(0);

    const folder = join(root, "copied");
    const copy = await runCli(["registry", "copy", "--from", env.GANVAS_REGISTRY!, "--to", folder], env);
    expect(copy.stderr).toBe("");
    expect(copy.stdout).toContain("copied pgdigits@1\n");
    const copied = await new Registry(folder).verifyVersion("pgdigits", 1);
    expect(copied.manifest.training.steps).toBe(2);

    const gc = await runCli(["registry", "gc"], env);
    expect(gc.code).toBe(0);
    expect(gc.stdout).toContain("Removed 0 blobs that no version lists");
  });

  it("names the missing bucket setting before any training", async () => {
    const { GANVAS_S3: _unset, ...withoutBucket } = env;
    const train = await runCli(["train", "--preset", "tiny", "--max-steps", "1", "--backend", "cpu"], {
      ...withoutBucket,
      GANVAS_S3: "",
    });
    expect(train.code).toBe(1);
    expect(train.stderr).toContain("error: A PostgreSQL registry keeps its files in S3, but GANVAS_S3 is not set.");
    expect(train.stdout).not.toContain("data: loading");
  });
});
