import type * as fsp from "node:fs/promises";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { sampleDraft, sampleFiles, withTempRegistry } from "./support/sample";

// Makes replacing aliases.json fail (as an I/O error or a full disk would) while everything else works.
const aliasWrites = vi.hoisted(() => ({ fail: false }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof fsp>();
  const rename: typeof actual.rename = async (from, to) => {
    if (aliasWrites.fail && String(to).endsWith("aliases.json")) {
      throw Object.assign(new Error(`EIO: i/o error, rename '${String(from)}' -> '${String(to)}'`), { code: "EIO" });
    }
    return actual.rename(from, to);
  };
  return { ...actual, rename, default: { ...actual, rename } };
});

describe("an alias update that fails after the version was claimed", () => {
  it("leaves a whole version and the old aliases, and the publish says how to point them", () =>
    withTempRegistry(async (registry, root) => {
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      aliasWrites.fail = true;
      let record;
      try {
        record = await registry.publish({
          name: "digits",
          manifest: sampleDraft(),
          files: sampleFiles("b"),
          aliases: ["best"],
        });
      } finally {
        aliasWrites.fail = false;
      }
      expect(record.version).toBe(2);
      expect(record.aliases).toEqual([]);
      expect(record.warnings).toHaveLength(1);
      expect(record.warnings[0]).toMatch(/Published digits@2, but its aliases could not be updated .*EIO/);
      expect(record.warnings[0]).toContain("registry alias digits 2 latest");
      expect(record.warnings[0]).toContain("registry alias digits 2 best");

      const modelDir = join(root, "models", "digits");
      expect(JSON.parse(await readFile(join(modelDir, "aliases.json"), "utf8"))).toEqual({ latest: 1 });
      expect((await readdir(modelDir)).filter((entry) => entry.endsWith(".tmp"))).toEqual([]);
      expect(await readdir(join(modelDir, ".staging"))).toEqual([]);
      expect((await registry.verifyVersion("digits", 2)).version).toBe(2);

      const next = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("c") });
      expect(next.version).toBe(3);
      expect(next.aliases).toEqual(["latest"]);
      expect(next.warnings).toEqual([]);
    }));
});
