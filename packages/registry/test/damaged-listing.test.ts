import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleDraft, sampleFiles, withTempRegistry } from "./support/sample";

describe("listing a registry that holds damaged versions", () => {
  it("lists the intact versions and reports each damaged one by file and problem, with what to do", () =>
    withTempRegistry(async (registry) => {
      const outside = await mkdtemp(join(tmpdir(), "ganvas-outside-"));
      try {
        const digits = [];
        for (const tag of ["a", "b", "c", "d", "e"]) {
          digits.push(await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles(tag) }));
        }
        await registry.publish({ name: "faces", manifest: sampleDraft(), files: sampleFiles("f") });
        const [missing, truncated, badManifest, escaping] = digits.map((record) => record.dir) as [
          string,
          string,
          string,
          string,
        ];

        await rm(join(missing, "weights.bin"));
        const weights = await readFile(join(truncated, "weights.bin"));
        await writeFile(join(truncated, "weights.bin"), weights.subarray(0, 100));
        await writeFile(join(badManifest, "manifest.json"), "{ not json");
        await writeFile(join(outside, "secret.png"), new Uint8Array(5));
        await rm(join(escaping, "samples.png"));
        await symlink(join(outside, "secret.png"), join(escaping, "samples.png"));

        const models = await registry.listModels();
        expect(models.map((model) => model.name)).toEqual(["digits", "faces"]);
        const [listed, faces] = models as [(typeof models)[0], (typeof models)[0]];
        expect(listed.versions.map((record) => record.version)).toEqual([5]);
        expect(faces.versions.map((record) => record.version)).toEqual([1]);
        expect(faces.problems).toEqual([]);

        expect(listed.problems.map(({ name, version, file }) => ({ name, version, file }))).toEqual([
          { name: "digits", version: 1, file: join(missing, "weights.bin") },
          { name: "digits", version: 2, file: join(truncated, "weights.bin") },
          { name: "digits", version: 3, file: join(badManifest, "manifest.json") },
          { name: "digits", version: 4, file: join(escaping, "samples.png") },
        ]);
        const [gone, short, unreadable, outsideLink] = listed.problems.map((problem) => problem.problem);
        expect(gone).toMatch(/is missing/);
        expect(short).toMatch(/has 100 bytes but the manifest records 1024/);
        expect(unreadable).toMatch(/is not valid JSON/);
        expect(outsideLink).toMatch(/outside the registry root/);
        for (const [index, problem] of listed.problems.entries()) {
          // Versions are immutable: the way out is deleting the version folder, never publishing it "again".
          expect(problem.message).toContain(`delete the folder ${digits[index]!.dir}`);
          expect(problem.message).toMatch(/registry alias digits <version> <alias>/);
          expect(problem.message).not.toMatch(/republish/i);
        }
      } finally {
        await rm(outside, { recursive: true, force: true });
      }
    }));

  it("listModel lists one model the same way, even when every version is damaged", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      await rm(join(record.dir, "model.json"));
      const model = await registry.listModel("digits");
      expect(model.versions).toEqual([]);
      expect(model.problems).toHaveLength(1);
      expect(model.problems[0]!.file).toBe(join(record.dir, "model.json"));
      expect((await registry.listModels()).map((listed) => listed.name)).toEqual(["digits"]);
    }));

  it("messages for a damaged version read through resolve say what to do instead of 'republish'", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      await rm(join(record.dir, "weights.bin"));
      const error = (await registry.resolve("digits@1").catch((caught: unknown) => caught)) as Error;
      expect(error.message).toMatch(/weights\.bin of digits@1 .* is missing/);
      expect(error.message).toContain(`delete the folder ${record.dir}`);
      expect(error.message).not.toMatch(/republish/i);
    }));
});
