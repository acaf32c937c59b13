import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleDraft, sampleFiles, withTempRegistry } from "./support/sample";
import { startPublishChild } from "./support/child";

describe("publishing from several processes", () => {
  it("gives four racing processes versions 1..4 with valid manifests and keeps all their aliases", () =>
    withTempRegistry(async (registry, root) => {
      const tags = ["p1", "p2", "p3", "p4"];
      const children = tags.map((tag) =>
        startPublishChild({ REGISTRY_ROOT: root, MODEL_NAME: "digits", CHILD_TAG: tag, WAIT_FOR_GO: "1" }),
      );
      // Start barrier: every child has loaded and waits, then all are released together.
      await Promise.all(children.map((child) => child.next("ready")));
      children.forEach((child) => child.process.stdin?.end("go\n"));
      const published = await Promise.all(children.map((child) => child.next("published")));
      const exits = await Promise.all(children.map((child) => child.exited));
      expect(exits.map((exit) => exit.code)).toEqual([0, 0, 0, 0]);

      const versions = published.map((event) => event.version as number);
      expect([...versions].sort()).toEqual([1, 2, 3, 4]);
      const records = await registry.listVersions("digits");
      expect(records.map((record) => record.manifest.version)).toEqual([1, 2, 3, 4]);
      const [model] = await registry.listModels();
      expect(model!.aliases).toEqual({ latest: 4, p1: versions[0], p2: versions[1], p3: versions[2], p4: versions[3] });
      for (const [index, tag] of tags.entries()) {
        const record = await registry.verifyVersion("digits", versions[index]!);
        expect(record.aliases).toContain(tag);
      }
      expect(await readdir(join(root, "models", "digits", ".staging"))).toEqual([]);
    }));

  it("leaves no visible version when a publisher is killed mid-publish; gc cleans up", () =>
    withTempRegistry(async (registry, root) => {
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("first") });

      const child = startPublishChild({
        REGISTRY_ROOT: root,
        MODEL_NAME: "digits",
        CHILD_TAG: "doomed",
        HANG_BEFORE_CLAIM: "1",
      });
      const staged = await child.next("staged");
      // The child has written every file and the manifest for version 2, and is about to rename.
      const stagedDir = staged.from as string;
      expect((await readdir(stagedDir)).sort()).toEqual(["manifest.json", "model.json", "samples.png", "weights.bin"]);
      expect((await stat(join(stagedDir, "weights.bin"))).size).toBe(64 * 1024);
      child.process.kill("SIGKILL");
      expect((await child.exited).signal).toBe("SIGKILL");

      // Readers see only the complete version 1; the orphan sits in staging.
      expect((await registry.listVersions("digits")).map((record) => record.version)).toEqual([1]);
      expect((await registry.resolve("digits")).version).toBe(1);
      await expect(registry.resolve("digits@doomed")).rejects.toThrow(/no alias "doomed"/);
      expect(await readdir(join(root, "models", "digits", ".staging"))).toHaveLength(1);

      // `registry gc` removes it (as the next publish would).
      expect(await registry.collectGarbage()).toEqual({ removed: 1, what: "staging folders of publishes that died" });
      expect(await readdir(join(root, "models", "digits", ".staging"))).toEqual([]);
      const next = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("second") });
      expect(next.version).toBe(2);
      expect(next.aliases).toEqual(["latest"]);
    }));
});
