import pg from "pg";
import { describe, expect, it } from "vitest";
import { RegistryError, sha256Hex } from "../../src/index";
import { startPublishChild } from "../support/child";
import { useRegistryServers, withDatabaseRegistry } from "../support/database-registry";
import { rawS3 } from "../support/raw-s3";
import { sampleDraft, sampleFiles, sampleQuality as quality } from "../support/sample";

const servers = useRegistryServers();

describe("the PostgreSQL + S3 registry", () => {
  it("publishes, lists, resolves and reads versions with their files checked", () =>
    withDatabaseRegistry(servers(), async (registry) => {
      const first = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      const second = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("bb") });
      expect([first.version, second.version]).toEqual([1, 2]);
      expect(second.aliases).toEqual(["latest"]);
      const [model] = await registry.listModels();
      expect(model!.versions.map((record) => record.version)).toEqual([1, 2]);
      expect(model!.problems).toEqual([]);
      expect((await registry.resolve("digits")).version).toBe(2);
      const { bytes, file } = await registry.readFile("digits", 1, "weights.bin");
      const weights = sampleFiles("a")[1]!.data as Uint8Array;
      expect(Buffer.from(bytes).equals(Buffer.from(weights))).toBe(true);
      expect(file.sha256).toBe(sha256Hex(weights));
      expect(file.location).toMatch(
        new RegExp(`^s3://ganvas-test/registry-[0-9a-f]+/blobs/sha256/${file.sha256.slice(0, 2)}/${file.sha256}$`),
      );
      expect((await registry.verifyVersion("digits", 2)).manifest.version).toBe(2);
      await expect(registry.readFile("digits", 1, "../x")).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(registry.readFile("digits", 3, "weights.bin")).rejects.toThrow(/no version 3\. Versions: 1, 2/);
      await expect(registry.resolve("other")).rejects.toThrow(/No model named "other".*Models: digits/);
    }));

  it("records the schema once, as numbered migrations", () =>
    withDatabaseRegistry(servers(), async (registry, env) => {
      await registry.checkWritable();
      await registry.checkWritable();
      const client = new pg.Client({ connectionString: env.GANVAS_REGISTRY });
      await client.connect();
      try {
        const { rows } = await client.query("SELECT version, name FROM ganvas_migrations ORDER BY version");
        expect(rows).toEqual([{ version: 1, name: "models, versions, version files, aliases" }]);
      } finally {
        await client.end();
      }
    }));

  it("gives 8 processes publishing the same model at once 8 distinct versions, and keeps every alias", () =>
    withDatabaseRegistry(servers(), async (registry, env) => {
      await registry.checkWritable();
      const tags = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"];
      const children = tags.map((tag) =>
        startPublishChild({ ...env, MODEL_NAME: "digits", CHILD_TAG: tag, WAIT_FOR_GO: "1" }),
      );
      await Promise.all(children.map((child) => child.next("ready")));
      children.forEach((child) => child.process.stdin?.end("go\n"));
      const published = await Promise.all(children.map((child) => child.next("published")));
      expect((await Promise.all(children.map((child) => child.exited))).map((exit) => exit.code)).toEqual(
        tags.map(() => 0),
      );
      const versions = published.map((event) => event.version as number);
      expect([...versions].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const [model] = await registry.listModels();
      expect(model!.versions.map((record) => record.manifest.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(model!.aliases).toEqual({ latest: 8, ...Object.fromEntries(tags.map((tag, i) => [tag, versions[i]])) });
      for (const [index, tag] of tags.entries()) {
        expect((await registry.verifyVersion("digits", versions[index]!)).aliases).toContain(tag);
      }
    }));

  it("refuses a damaged blob by its hash, and lists a missing one as damage", () =>
    withDatabaseRegistry(servers(), async (registry, env) => {
      const s3 = rawS3(env);
      try {
        await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
        await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("bb") });
        const weights = await registry.resolveFile("digits", 1, "weights.bin");
        // Same size, other bytes: only the sha256 tells.
        await s3.put(weights.location, new Uint8Array(weights.bytes).fill(7));
        const refused = await registry.readFile("digits", 1, "weights.bin").catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(RegistryError);
        expect((refused as RegistryError).code).toBe("CORRUPT");
        expect((refused as RegistryError).message).toContain(
          `weights.bin of digits@1 (${weights.location}) has sha256`,
        );
        expect((refused as RegistryError).message).toContain("restore the blob from a backup");
        await expect(registry.verifyVersion("digits", 1)).rejects.toMatchObject({ code: "CORRUPT" });
        expect((await registry.readFile("digits", 2, "weights.bin")).bytes.byteLength).toBe(1024);

        const samples = await registry.resolveFile("digits", 2, "samples.png");
        await s3.remove(samples.location);
        const [model] = await registry.listModels();
        expect(model!.versions.map((record) => record.version)).toEqual([1]);
        expect(model!.problems).toMatchObject([{ version: 2, file: samples.location, problem: "is missing" }]);
        await expect(registry.resolve("digits@2")).rejects.toMatchObject({ code: "CORRUPT" });
      } finally {
        s3.close();
      }
    }));

  it("keeps every alias change under concurrent updates, and latest never moves back", () =>
    withDatabaseRegistry(servers(), async (registry) => {
      for (const tag of ["a", "b", "c"]) {
        await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles(tag) });
      }
      const names = Array.from({ length: 12 }, (_, index) => `alias-${index}`);
      await Promise.all([
        ...names.map((alias, index) => registry.setAlias("digits", alias, (index % 3) + 1)),
        // Twelve writers of one alias at once: one of their values wins, whole.
        ...names.map((_, index) => registry.setAlias("digits", "contested", (index % 3) + 1)),
      ]);
      const { aliases } = await registry.listModel("digits");
      for (const [index, alias] of names.entries()) expect(aliases[alias]).toBe((index % 3) + 1);
      expect([1, 2, 3]).toContain(aliases.contested);
      await registry.removeAlias("digits", "alias-0");
      expect((await registry.listModel("digits")).aliases["alias-0"]).toBeUndefined();
      await expect(registry.setAlias("digits", "best", 9)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(registry.removeAlias("digits", "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });

      // Publishes that commit out of order leave latest on the highest number.
      await Promise.all(
        ["d", "e", "f", "g"].map((tag) =>
          registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles(tag) }),
        ),
      );
      expect((await registry.listModel("digits")).aliases.latest).toBe(7);
    }));

  it("records a quality score and nothing else in the manifest", () =>
    withDatabaseRegistry(servers(), async (registry) => {
      const published = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      const scored = await registry.setQuality("digits", 1, quality);
      expect(scored.manifest).toEqual({ ...published.manifest, metrics: { ...published.manifest.metrics, quality } });
      await expect(registry.setQuality("digits", 2, quality)).rejects.toThrow(/no version 2/);
    }));
});
