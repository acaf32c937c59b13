import pg from "pg";
import { describe, expect, it } from "vitest";
import { startPublishChild } from "../support/child";
import { useRegistryServers, withDatabaseRegistry } from "../support/database-registry";
import { rawS3 } from "../support/raw-s3";
import { sampleDraft, sampleFiles } from "../support/sample";

const servers = useRegistryServers();

// The child's files (sampleFiles("doomed", 64 KiB)) are three blobs no other version shares.
const CHILD_BLOBS = 3;

describe("a database publish killed with SIGKILL", () => {
  for (const point of ["after-blobs", "before-commit", "after-commit"] as const) {
    it(`${point}: leaves nothing half-visible, and gc removes only unreferenced blobs`, () =>
      withDatabaseRegistry(servers(), async (registry, env) => {
        const s3 = rawS3(env);
        try {
          await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("first") });
          const before = await s3.blobs();

          const child = startPublishChild({ ...env, MODEL_NAME: "digits", CHILD_TAG: "doomed", HANG_AT: point });
          await child.next(point);
          // Every blob is in the bucket by each of these points.
          expect((await s3.blobs()).length).toBe(before.length + CHILD_BLOBS);
          child.process.kill("SIGKILL");
          expect((await child.exited).signal).toBe("SIGKILL");

          const committed = point === "after-commit";
          const [model] = await registry.listModels();
          expect(model!.versions.map((record) => record.version)).toEqual(committed ? [1, 2] : [1]);
          expect(model!.problems).toEqual([]);
          expect((await registry.resolve("digits")).version).toBe(committed ? 2 : 1);
          if (committed) expect((await registry.verifyVersion("digits", 2)).aliases).toEqual(["doomed", "latest"]);
          else await expect(registry.resolve("digits@doomed")).rejects.toThrow(/no alias "doomed"/);

          // A killed connection's transaction and locks are gone: gc does not wait, and takes only orphans.
          const { removed } = await registry.collectGarbage();
          expect(removed).toBe(committed ? 0 : CHILD_BLOBS);
          expect((await s3.blobs()).length).toBe(before.length + (committed ? CHILD_BLOBS : 0));
          for (const record of (await registry.listModels())[0]!.versions) {
            await registry.verifyVersion("digits", record.version);
          }
          const next = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("next") });
          expect(next.version).toBe(committed ? 3 : 2);
        } finally {
          s3.close();
        }
      }));
  }

  it("gc waits for a publish in flight instead of taking its blobs", () =>
    withDatabaseRegistry(servers(), async (registry, env) => {
      const child = startPublishChild({ ...env, MODEL_NAME: "digits", CHILD_TAG: "slow", HANG_AT: "before-commit" });
      await child.next("before-commit");
      let collected = false;
      const gc = registry.collectGarbage().then((report) => {
        collected = true;
        return report;
      });
      // The child holds the publish lock shared: gc waits for it (a lock the server has not granted).
      const client = new pg.Client({ connectionString: env.GANVAS_REGISTRY });
      await client.connect();
      try {
        for (;;) {
          const waiting = await client.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
          if (waiting.rowCount === 1) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await client.end();
      }
      expect(collected).toBe(false);
      // Killing the publisher rolls its transaction back and releases the lock.
      child.process.kill("SIGKILL");
      expect((await gc).removed).toBe(CHILD_BLOBS);
    }));
});
