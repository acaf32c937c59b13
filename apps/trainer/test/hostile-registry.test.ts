// A registry damaged or misused the way a hostile but realistic user would: the CLI names the problem and
// what to do about it, and never prints a stack trace.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { runCli } from "./support/cli-process";
import { publishTinyGenerator } from "./support/registry-fixtures";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-hostile-registry-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

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
