import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RegistryError, sha256Hex } from "../src/index";
import { sampleDraft, sampleFiles, withTempRegistry } from "./support/sample";

function expectCode(code: string, messagePart?: RegExp) {
  return (error: unknown) => {
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).code).toBe(code);
    if (messagePart) expect((error as Error).message).toMatch(messagePart);
    return true;
  };
}

describe("publish and read back", () => {
  it("round-trips a version: files, hashes, sizes, manifest and layout", () =>
    withTempRegistry(async (registry, root) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      expect(record.version).toBe(1);
      expect(record.dir).toBe(join(root, "models", "digits", "versions", "1"));
      expect(record.aliases).toEqual(["latest"]);
      expect(record.manifest).toMatchObject({ schemaVersion: 2, name: "digits", version: 1, ...sampleDraft() });
      expect(Number.isNaN(Date.parse(record.manifest.createdAt))).toBe(false);

      for (const file of sampleFiles("a")) {
        const stored = await readFile(join(record.dir, file.path));
        const expected = typeof file.data === "string" ? Buffer.from(file.data) : Buffer.from(file.data);
        expect(stored.equals(expected)).toBe(true);
        expect(record.manifest.files.find((entry) => entry.path === file.path)).toEqual({
          path: file.path,
          role: file.role,
          bytes: expected.byteLength,
          sha256: sha256Hex(expected),
        });
      }
      const onDisk = JSON.parse(await readFile(join(record.dir, "manifest.json"), "utf8"));
      expect(onDisk).toEqual(record.manifest);
      expect(JSON.parse(await readFile(join(root, "models", "digits", "aliases.json"), "utf8"))).toEqual({ latest: 1 });
      // Nothing left behind in staging after a successful publish.
      expect(await readdir(join(root, "models", "digits", ".staging"))).toEqual([]);
    }));

  it("numbers versions 1, 2, 3 without ever overwriting an earlier one", () =>
    withTempRegistry(async (registry) => {
      const first = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      const firstManifest = await readFile(join(first.dir, "manifest.json"), "utf8");
      const firstWeights = await readFile(join(first.dir, "weights.bin"));
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("bb") });
      const third = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("ccc") });

      expect(third.version).toBe(3);
      expect((await registry.listVersions("digits")).map((version) => version.version)).toEqual([1, 2, 3]);
      expect(await readFile(join(first.dir, "manifest.json"), "utf8")).toBe(firstManifest);
      expect((await readFile(join(first.dir, "weights.bin"))).equals(firstWeights)).toBe(true);
      expect((await registry.resolve("digits")).version).toBe(3);
    }));

  it("lists models with their aliases and versions", () =>
    withTempRegistry(async (registry) => {
      expect(await registry.listModels()).toEqual([]);
      await registry.publish({ name: "mnist", manifest: sampleDraft(), files: sampleFiles("a") });
      await registry.publish({ name: "mnist", manifest: sampleDraft(), files: sampleFiles("b"), aliases: ["best"] });
      await registry.publish({ name: "faces", manifest: sampleDraft(), files: sampleFiles("c") });

      const models = await registry.listModels();
      expect(models.map((model) => model.name)).toEqual(["faces", "mnist"]);
      const mnist = models[1]!;
      expect(mnist.aliases).toEqual({ best: 2, latest: 2 });
      expect(mnist.versions.map((version) => [version.version, version.aliases])).toEqual([
        [1, []],
        [2, ["best", "latest"]],
      ]);
    }));

  it("resolves name, name@n, name@latest, name@best and user aliases; setAlias and removeAlias", () =>
    withTempRegistry(async (registry) => {
      for (const tag of ["a", "b", "c"])
        await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles(tag) });
      await registry.setAlias("digits", "best", 2);
      await registry.setAlias("digits", "my-pick", 1);

      expect((await registry.resolve("digits")).version).toBe(3);
      expect((await registry.resolve("digits@latest")).version).toBe(3);
      expect((await registry.resolve("digits@2")).version).toBe(2);
      expect((await registry.resolve("digits@best")).version).toBe(2);
      const pick = await registry.resolve("digits@my-pick");
      expect(pick.version).toBe(1);
      expect(pick.aliases).toEqual(["my-pick"]);

      // Moving `latest` back is a rollback; the next publish moves it forward again.
      await registry.setAlias("digits", "latest", 1);
      expect((await registry.resolve("digits")).version).toBe(1);
      expect((await registry.removeAlias("digits", "my-pick")).aliases).toEqual({ best: 2, latest: 1 });
      await expect(registry.resolve("digits@my-pick")).rejects.toSatisfy(
        expectCode("NOT_FOUND", /Aliases: best -> 2, latest -> 1/),
      );
      await expect(registry.removeAlias("digits", "my-pick")).rejects.toSatisfy(expectCode("NOT_FOUND"));
      expect(
        (await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("d") })).aliases,
      ).toEqual(["latest"]);
    }));

  it("refuses aliases on versions that do not exist, and bad names", () =>
    withTempRegistry(async (registry) => {
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      await expect(registry.setAlias("digits", "best", 5)).rejects.toSatisfy(expectCode("NOT_FOUND", /Versions: 1\./));
      await expect(registry.setAlias("digits", "42", 1)).rejects.toSatisfy(expectCode("INVALID", /not only digits/));
      await expect(registry.setAlias("nope", "best", 1)).rejects.toSatisfy(expectCode("NOT_FOUND", /Models: digits/));
      await expect(
        registry.publish({ name: "Bad/Name", manifest: sampleDraft(), files: sampleFiles("a") }),
      ).rejects.toSatisfy(expectCode("INVALID", /model name/));
    }));

  it("explains what exists when a model, version or alias is unknown", () =>
    withTempRegistry(async (registry) => {
      await expect(registry.resolve("digits")).rejects.toSatisfy(expectCode("NOT_FOUND", /registry is empty/));
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("b") });
      await expect(registry.resolve("faces")).rejects.toSatisfy(
        expectCode("NOT_FOUND", /No model named "faces".*Models: digits/),
      );
      await expect(registry.resolve("digits@9")).rejects.toSatisfy(
        expectCode("NOT_FOUND", /no version 9\. Versions: 1, 2\./),
      );
      await expect(registry.resolve("digits@best")).rejects.toSatisfy(
        expectCode("NOT_FOUND", /no alias "best"\. Aliases: latest -> 2/),
      );
      await expect(registry.listVersions("faces")).rejects.toSatisfy(expectCode("NOT_FOUND"));
      await expect(registry.resolve("digits@")).rejects.toSatisfy(expectCode("INVALID"));
      await expect(registry.resolve("digits@01")).rejects.toSatisfy(expectCode("INVALID"));
    }));

  it("gives concurrent publishes in one process distinct versions and keeps every alias", () =>
    withTempRegistry(async (registry) => {
      const tags = ["a", "b", "c", "d", "e", "f"];
      const records = await Promise.all(
        tags.map((tag) =>
          registry.publish({
            name: "digits",
            manifest: sampleDraft(),
            files: sampleFiles(tag),
            aliases: [`tag-${tag}`],
          }),
        ),
      );
      expect(records.map((record) => record.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      const [model] = await registry.listModels();
      expect(model!.aliases.latest).toBe(6);
      for (const record of records) {
        const tag = tags[records.indexOf(record)]!;
        expect(model!.aliases[`tag-${tag}`]).toBe(record.version);
        expect(record.manifest.version).toBe(record.version);
        // Each version holds the files of the publish that claimed it.
        expect(JSON.parse(await readFile(join(record.dir, "model.json"), "utf8")).tag).toBe(tag);
      }
    }));

  it("keeps every alias when many are set at once", () =>
    withTempRegistry(async (registry) => {
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      const names = Array.from({ length: 12 }, (_, index) => `alias-${index}`);
      await Promise.all(names.map((alias) => registry.setAlias("digits", alias, 1)));
      expect(Object.keys((await registry.listModels())[0]!.aliases).sort()).toEqual([...names, "latest"].sort());
    }));
});

describe("schema version 2", () => {
  it("publishes class names and per-epoch grids with their epochs", () =>
    withTempRegistry(async (registry) => {
      const draft = sampleDraft();
      draft.dataset.classNames = ["T-shirt/top", "Trouser"];
      const grids = [1, 2].map((epoch) => ({
        path: `epochs/epoch-${epoch}.png`,
        role: "epoch-samples" as const,
        epoch,
        data: new Uint8Array([epoch]),
      }));
      const record = await registry.publish({
        name: "clothes",
        manifest: draft,
        files: [...sampleFiles("a"), ...grids],
      });
      const read = await registry.resolve("clothes@1");
      expect(read.manifest.dataset.classNames).toEqual(["T-shirt/top", "Trouser"]);
      expect(read.manifest.files.filter((file) => file.role === "epoch-samples")).toEqual(
        grids.map(({ path, epoch }) => ({
          path,
          epoch,
          role: "epoch-samples",
          bytes: 1,
          sha256: sha256Hex(new Uint8Array([epoch])),
        })),
      );
      expect([...(await registry.readFile("clothes", 1, "epochs/epoch-2.png")).bytes]).toEqual([2]);
      expect(record.manifest.schemaVersion).toBe(2);
    }));

  it("refuses an epoch-samples file without its epoch before writing anything", () =>
    withTempRegistry(async (registry, root) => {
      const grid = { path: "epochs/epoch-1.png", role: "epoch-samples" as const, data: "x" };
      await expect(
        registry.publish({ name: "clothes", manifest: sampleDraft(), files: [...sampleFiles("a"), grid] }),
      ).rejects.toSatisfy(expectCode("INVALID", /files\[3\]\.epoch: is missing/));
      expect(await readdir(root)).toEqual([]);
    }));

  it("reads a version 1 manifest on disk as version 2 and leaves the file as it was", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      const path = join(record.dir, "manifest.json");
      const versionOne = `${JSON.stringify({ ...record.manifest, schemaVersion: 1 }, null, 2)}\n`;
      await writeFile(path, versionOne);
      const read = await registry.resolve("digits@1");
      expect(read.manifest).toEqual({ ...record.manifest, schemaVersion: 2 });
      expect((await registry.listModels())[0]!.versions[0]!.manifest.schemaVersion).toBe(2);
      expect(await readFile(path, "utf8")).toBe(versionOne);
    }));
});

describe("damaged versions", () => {
  it("reports a missing weights file as CORRUPT, naming the file", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      await rm(join(record.dir, "weights.bin"));
      await expect(registry.resolve("digits@1")).rejects.toSatisfy(expectCode("CORRUPT", /weights\.bin.*missing/));
      await expect(registry.listVersions("digits")).rejects.toSatisfy(expectCode("CORRUPT", /weights\.bin/));
    }));

  it("reports a truncated file by its size, and a same-size change only in verifyVersion", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      expect((await registry.verifyVersion("digits", 1)).version).toBe(1);

      const weights = join(record.dir, "weights.bin");
      const original = await readFile(weights);
      const flipped = Buffer.from(original);
      flipped[10] = (flipped[10]! + 1) % 256;
      await writeFile(weights, flipped);
      expect((await registry.resolve("digits@1")).version).toBe(1);
      await expect(registry.verifyVersion("digits", 1)).rejects.toSatisfy(
        expectCode("CORRUPT", /weights\.bin of digits@1 .* has sha256 [0-9a-f]{64} but the manifest records/),
      );

      await writeFile(weights, original.subarray(0, 100));
      await expect(registry.resolve("digits@1")).rejects.toSatisfy(
        expectCode("CORRUPT", /weights\.bin of digits@1 .* has 100 bytes but the manifest records 1024/),
      );
    }));

  it("refuses a manifest that is invalid on disk, naming the field and the file", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      const path = join(record.dir, "manifest.json");
      const manifest = JSON.parse(await readFile(path, "utf8"));
      manifest.model.channels = "one";
      await writeFile(path, JSON.stringify(manifest));
      await expect(registry.resolve("digits")).rejects.toSatisfy(
        expectCode("CORRUPT", /manifest\.json is invalid: model\.channels/),
      );

      manifest.model.channels = 1;
      manifest.version = 2;
      await writeFile(path, JSON.stringify(manifest));
      await expect(registry.resolve("digits")).rejects.toSatisfy(
        expectCode("CORRUPT", /describes digits@2 but sits in the folder of digits@1/),
      );
    }));

  it("rejects invalid publish input before writing anything", () =>
    withTempRegistry(async (registry, root) => {
      const draft = sampleDraft();
      const badChannels = { ...draft, model: { ...draft.model, channels: 2 as 1 } };
      await expect(
        registry.publish({ name: "digits", manifest: badChannels, files: sampleFiles("a") }),
      ).rejects.toSatisfy(expectCode("INVALID", /model\.channels/));
      const files = [...sampleFiles("a"), { path: "../escape.bin", role: "other" as const, data: "x" }];
      await expect(registry.publish({ name: "digits", manifest: draft, files })).rejects.toSatisfy(
        expectCode("INVALID", /files\[3\]\.path/),
      );
      const reserved = [{ path: "manifest.json", role: "other" as const, data: "{}" }];
      await expect(registry.publish({ name: "digits", manifest: draft, files: reserved })).rejects.toSatisfy(
        expectCode("INVALID", /reserved/),
      );
      await expect(readdir(join(root, "models"))).rejects.toThrow(/ENOENT/);
    }));
});
