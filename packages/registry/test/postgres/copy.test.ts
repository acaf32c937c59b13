import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Registry, copyModels } from "../../src/index";
import { useRegistryServers, withDatabaseRegistry } from "../support/database-registry";
import { sampleDraft, sampleFiles, sampleQuality as quality } from "../support/sample";

const servers = useRegistryServers();

async function withFolder<T>(use: (root: string) => Promise<T>): Promise<T> {
  const root = await mkdtemp(join(tmpdir(), "ganvas-copy-"));
  try {
    return await use(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe("registry copy", () => {
  it("moves versions and aliases from a folder to PostgreSQL + S3 and back, unchanged and hash-checked", () =>
    withFolder((root) =>
      withFolder((back) =>
        withDatabaseRegistry(servers(), async (database) => {
          const folder = new Registry(root);
          for (const tag of ["a", "bb", "ccc"]) {
            await folder.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles(tag) });
          }
          await folder.publish({ name: "faces", manifest: sampleDraft(), files: sampleFiles("f"), aliases: ["best"] });
          await folder.setQuality("digits", 2, quality);
          await folder.setAlias("digits", "best", 2);
          // Same size, other bytes: version 3 is damaged and must not travel.
          const damaged = await folder.resolve("digits@3");
          await writeFile(join(damaged.dir, "weights.bin"), new Uint8Array(1024));

          const there = await copyModels(folder, database);
          expect(there.copied).toEqual(["digits@1", "digits@2", "digits@best -> 2", "faces@1", "faces@best -> 1"]);
          expect(there.problems).toHaveLength(1);
          expect(there.problems[0]).toMatch(
            /^not copied: File weights\.bin of digits@3 \(.*\) has sha256 [0-9a-f]{64} but/,
          );
          const source = await folder.listModels();
          const copied = await database.listModels();
          for (const [index, model] of copied.entries()) {
            expect(model.versions.map((record) => record.manifest)).toEqual(
              source[index]!.versions.filter((record) => record.version !== 3).map((record) => record.manifest),
            );
          }
          expect(copied[0]!.aliases).toEqual({ best: 2, latest: 2 });
          expect((await database.verifyVersion("digits", 2)).manifest.metrics.quality).toEqual(quality);

          expect((await copyModels(folder, database, "faces")).skipped).toEqual(["faces@1: already there"]);

          const home = new Registry(back);
          const returned = await copyModels(database, home);
          expect(returned.problems).toEqual([]);
          const roundTrip = await home.listModels();
          expect(roundTrip.map((model) => model.versions.map((record) => record.manifest))).toEqual(
            copied.map((model) => model.versions.map((record) => record.manifest)),
          );
          for (const file of sampleFiles("bb")) {
            const { bytes } = await home.readFile("digits", 2, file.path);
            expect(Buffer.from(bytes).equals(Buffer.from(file.data))).toBe(true);
          }
        }),
      ),
    ));
});
