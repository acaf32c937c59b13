import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic, writeJsonAtomic } from "../src/index";

describe("atomic writes", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "ganvas-atomic-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates parent folders, replaces content and leaves no temporary files", async () => {
    const path = join(dir, "nested", "state.bin");
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    await writeFileAtomic(path, "text");
    expect(await readFile(path, "utf8")).toBe("text");
    expect(await readdir(join(dir, "nested"))).toEqual(["state.bin"]);
  });

  it("writes formatted JSON and survives many concurrent writers with one whole result", async () => {
    const path = join(dir, "checkpoint.json");
    await Promise.all(
      Array.from({ length: 20 }, (_, step) => writeJsonAtomic(path, { step, padding: "x".repeat(10_000) })),
    );
    const text = await readFile(path, "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text).padding).toHaveLength(10_000);
    expect(await readdir(dir)).toEqual(["checkpoint.json"]);
  });

  it("cleans up its temporary file when the target cannot be replaced", async () => {
    const target = join(dir, "occupied");
    await writeFileAtomic(join(target, "inner.txt"), "a folder now sits where the file should go");
    await expect(writeFileAtomic(target, "x")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["occupied"]);
  });
});
