import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registryFailure } from "./support/registry-failure";
import { sampleDraft, sampleFiles, withTempRegistry } from "./support/sample";

const aliasesPath = (root: string) => join(root, "models", "digits", "aliases.json");
const readAliasesFile = async (root: string) =>
  JSON.parse(await readFile(aliasesPath(root), "utf8")) as Record<string, number>;

describe("a malformed aliases.json", () => {
  it("does not fail a publish: it is set aside and rebuilt before the version is created, and the publish says so", () =>
    withTempRegistry(async (registry, root) => {
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a"), aliases: ["best"] });
      await writeFile(aliasesPath(root), "{ latest: 1,");

      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("b") });
      expect(record.version).toBe(2);
      expect(record.aliases).toEqual(["latest"]);
      expect(await readAliasesFile(root)).toEqual({ latest: 2 });

      const modelDir = join(root, "models", "digits");
      const kept = (await readdir(modelDir)).filter((entry) => entry.startsWith("aliases.json.damaged-"));
      expect(kept).toHaveLength(1);
      expect(await readFile(join(modelDir, kept[0]!), "utf8")).toBe("{ latest: 1,");
      expect(record.warnings).toHaveLength(1);
      expect(record.warnings[0]).toMatch(/aliases\.json .*is not valid JSON/);
      expect(record.warnings[0]).toContain(join(modelDir, kept[0]!));
      expect(record.warnings[0]).toContain("registry alias digits <version> <alias>");
      // Nothing half-done: both versions are whole and listed, no staging left behind.
      expect((await registry.listVersions("digits")).map((version) => version.version)).toEqual([1, 2]);
      expect(await readdir(join(modelDir, ".staging"))).toEqual([]);
    }));

  it("keeps the entries that are still valid and names the ones it dropped", () =>
    withTempRegistry(async (registry, root) => {
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      await writeFile(aliasesPath(root), JSON.stringify({ best: 1, latest: 1, oops: -3, "Not An Alias": 1 }));
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("b") });
      expect(await readAliasesFile(root)).toEqual({ best: 1, latest: 2 });
      expect(record.warnings.join("\n")).toMatch(/oops/);
      expect(record.warnings.join("\n")).toMatch(/Not An Alias/);
    }));

  it("leaves numbered refs and listing working, and says how to fix it when an alias is needed", () =>
    withTempRegistry(async (registry, root) => {
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      await writeFile(aliasesPath(root), "[]");
      expect((await registry.resolve("digits@1")).version).toBe(1);
      const [model] = await registry.listModels();
      expect(model!.versions.map((version) => version.version)).toEqual([1]);
      expect(model!.problems).toHaveLength(1);
      expect(model!.problems[0]).toMatchObject({ name: "digits", version: null, file: aliasesPath(root) });
      const error = await registryFailure(registry.resolve("digits@latest"));
      expect(error.code).toBe("CORRUPT");
      expect(error.message).toContain(aliasesPath(root));
      expect(error.message).toContain("registry alias digits <version> latest");
    }));
});

describe("a dangling alias", () => {
  it("resolving it names the missing version and the command that re-points it", () =>
    withTempRegistry(async (registry, root) => {
      for (const tag of ["a", "b", "c"])
        await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles(tag) });
      await registry.setAlias("digits", "best", 3);
      await rm(join(root, "models", "digits", "versions", "3"), { recursive: true });

      const latest = await registryFailure(registry.resolve("digits"));
      expect(latest.code).toBe("NOT_FOUND");
      expect(latest.message).toMatch(/alias "latest" of "digits" points at version 3, which does not exist/i);
      expect(latest.message).toContain("registry alias digits 2 latest");
      const best = await registryFailure(registry.resolve("digits@best"));
      expect(best.message).toContain("registry alias digits 2 best");

      const [model] = await registry.listModels();
      expect(model!.problems.map((problem) => problem.problem)).toEqual([
        expect.stringMatching(/alias best points at version 3, which does not exist/),
        expect.stringMatching(/alias latest points at version 3, which does not exist/),
      ]);
    }));

  it("a dangling latest is repaired by the next publish, which says so", () =>
    withTempRegistry(async (registry, root) => {
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      await writeFile(aliasesPath(root), JSON.stringify({ latest: 9, best: 1 }));
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("b") });
      expect(record.version).toBe(2);
      expect(await readAliasesFile(root)).toEqual({ best: 1, latest: 2 });
      expect(record.warnings.join("\n")).toMatch(/latest pointed at version 9, which does not exist/);
      expect((await registry.resolve("digits")).version).toBe(2);
    }));
});
