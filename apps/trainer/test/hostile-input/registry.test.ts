// A registry damaged or misused the way a hostile but realistic user would: the CLI names the problem and
// what to do about it, and never prints a stack trace.
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { mountTmpfs } from "@ganvas/vitest-config/tmpfs";
import { runCli } from "../support/cli-process";
import { publishTinyGenerator } from "../support/registry-fixtures";
import { expectUserError } from "../support/user-error";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-hostile-registry-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

// CI runs as root, where chmod does not make a folder read-only: a read-only mount does.
const readOnly = mountTmpfs("size=1m");
afterAll(() => readOnly.dir && readOnly.unmount());

const STACK_FRAME = /^\s+at /m;

describe("a damaged registry", () => {
  it("registry list skips a damaged version, lists the rest and names the file, the problem and what to do", async () => {
    const path = join(root, "list");
    const registry = new Registry(path);
    const broken = await publishTinyGenerator(registry, "digits", 1);
    await publishTinyGenerator(registry, "digits", 2);
    await publishTinyGenerator(registry, "faces", 3);
    await rm(join(broken.dir, "weights.bin"));

    const list = await runCli(["registry", "list", "--registry", path]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^digits\s+2\s+latest/m);
    expect(list.stdout).toMatch(/^faces\s+1\s+latest/m);
    expect(list.stdout).not.toMatch(/^digits\s+1\s/m);
    expect(list.stderr).toContain("digits@1");
    expect(list.stderr).toContain(join(broken.dir, "weights.bin"));
    expect(list.stderr).toContain("is missing");
    expect(list.stderr).toContain(`delete the folder ${broken.dir}`);
    expect(list.stderr).not.toMatch(/republish/i);
    expect(list.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("loading a version checks every file against the manifest's sha256", () => {
  it("sample refuses weights damaged at the same size instead of drawing from them", async () => {
    const path = join(root, "altered");
    const record = await publishTinyGenerator(new Registry(path), "digits", 1);
    const weights = join(record.dir, "weights.bin");
    const bytes = await readFile(weights);
    bytes.fill(0, 0, Math.min(bytes.length, 4096));
    await writeFile(weights, bytes);
    const out = join(root, "altered.png");

    const sample = await runCli(["sample", "digits", "--registry", path, "--backend", "cpu", "--out", out]);
    expectUserError(
      sample,
      /weights\.bin of digits@1 .* has sha256 [0-9a-f]{64} but the manifest records [0-9a-f]{64}/,
    );
    expect(sample.stderr).toContain(`delete the folder ${record.dir}`);
    expect(sample.stderr).not.toMatch(/republish/i);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });
});

describe("aliases", () => {
  it("sample through a dangling latest says which command re-points it", async () => {
    const path = join(root, "dangling");
    const registry = new Registry(path);
    await publishTinyGenerator(registry, "digits", 1);
    const second = await publishTinyGenerator(registry, "digits", 2);
    await rm(second.dir, { recursive: true });

    const sample = await runCli([
      "sample",
      "digits",
      "--registry",
      path,
      "--backend",
      "cpu",
      "--out",
      join(root, "dangling.png"),
    ]);
    expectUserError(sample, /alias "latest" of "digits" points at version 2, which does not exist/);
    expect(sample.stderr).toContain("registry alias digits 1 latest");
  });

  it("train publishes into a model whose aliases.json is malformed, rebuilds it and says so", async () => {
    const path = join(root, "malformed-aliases");
    await publishTinyGenerator(new Registry(path), "digits", 1);
    const aliases = join(path, "models", "digits", "aliases.json");
    await writeFile(aliases, '{"latest": 1, "best": ');

    const train = await runCli([
      "train",
      "--preset",
      "tiny",
      "--max-steps",
      "2",
      "--backend",
      "cpu",
      "--registry",
      path,
      "--name",
      "digits",
    ]);
    expect(train.code).toBe(0);
    expect(train.stdout).toContain("Published digits@2");
    expect(train.stderr).toMatch(/aliases\.json .*is not valid JSON/);
    expect(train.stderr).toContain("aliases.json.damaged-");
    expect(train.stderr).not.toMatch(STACK_FRAME);
    expect(JSON.parse(await readFile(aliases, "utf8"))).toEqual({ latest: 2 });

    const sample = await runCli([
      "sample",
      "digits",
      "--registry",
      path,
      "--backend",
      "cpu",
      "--out",
      join(root, "rebuilt.png"),
    ]);
    expect(sample.code).toBe(0);
    expect(sample.stdout).toContain("digits@2");
  });
});

describe("a registry path that is a file or read-only", () => {
  it("is named in one line by list, sample and train (before any work), never with a stack trace", async () => {
    const file = join(root, "registry-file");
    await writeFile(file, "not a folder");
    for (const args of [
      ["registry", "list"],
      ["sample", "digits", "--backend", "cpu"],
      ["train", "--preset", "tiny", "--max-steps", "1", "--backend", "cpu"],
    ]) {
      const result = await runCli([...args, "--registry", file]);
      expectUserError(result, /is a file, not a folder/);
      expect(result.stderr, args.join(" ")).toContain(`The registry path ${file} is a file, not a folder`);
      expect(result.stdout, args.join(" ")).not.toContain("data: loading");
    }
  });

  it("train and registry alias refuse a read-only registry up front", async (ctx) => {
    if (readOnly.dir === undefined) return ctx.skip(readOnly.reason);
    const path = join(readOnly.dir, "registry");
    await publishTinyGenerator(new Registry(path), "digits", 1);
    readOnly.remount("ro");
    try {
      for (const args of [
        ["train", "--preset", "tiny", "--max-steps", "1", "--backend", "cpu", "--name", "digits"],
        ["registry", "alias", "digits", "1", "best"],
      ]) {
        const result = await runCli([...args, "--registry", path]);
        expectUserError(result, /Cannot write to the registry at .* read-only file system \(EROFS\)/);
        expect(result.stdout, args.join(" ")).not.toContain("data: loading");
      }
      // Reading still works.
      const list = await runCli(["registry", "list", "--registry", path]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/^digits\s+1\s+latest/m);
    } finally {
      readOnly.remount("rw");
    }
  });
});
