import { readFile, readdir, rm, statfs, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mountTmpfs } from "@ganvas/vitest-config/tmpfs";
import { Registry, RegistryError } from "../src/index";
import { sampleDraft, sampleFiles } from "./support/sample";

// 512 KiB: room for a few small versions, quick to fill.
const disk = mountTmpfs("size=512k");
afterAll(() => disk.dir && disk.unmount());

async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

/** Everything under `dir` whose name says it is temporary, at any depth. */
async function leftovers(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((entry) => /\.tmp$|(^|\/)\.staging\/./.test(entry));
}

describe("a publish that fails part-way", () => {
  it("cleans up after itself on a full disk, wherever the write fails, and says the disk is full", async (ctx) => {
    if (disk.dir === undefined) return ctx.skip(disk.reason);
    const root = join(disk.dir, "registry");
    const registry = new Registry(root);
    await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
    const aliasesBefore = await readFile(join(root, "models", "digits", "aliases.json"), "utf8");
    const filler = join(disk.dir, "filler");

    // The disk fills at a different step each time: the staging folder's owner record, the content, the manifest.
    const page = 4096;
    for (const free of [0, page, 2 * page, 3 * page, 5 * page, 8 * page, 16 * page]) {
      await writeFile(filler, new Uint8Array(Math.max(0, (await freeBytes(disk.dir)) - free)));
      const error = await registry
        .publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles(`b${free}`, 64 * 1024) })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      await rm(filler);

      expect(await leftovers(root), `free ${free}`).toEqual([]);
      expect(error, `free ${free}`).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).code).toBe("UNWRITABLE");
      expect((error as Error).message).toMatch(/The disk holding the registry .* is full \(ENOSPC\)/);
      expect((error as Error).message).toMatch(/nothing was published/);
      expect((await registry.listVersions("digits")).map((record) => record.version)).toEqual([1]);
      expect(await readFile(join(root, "models", "digits", "aliases.json"), "utf8")).toBe(aliasesBefore);
    }
    // With room again, the next publish takes the next number.
    expect((await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("c") })).version).toBe(
      2,
    );
  });
});
