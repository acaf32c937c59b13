import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mountTmpfs } from "@ganvas/vitest-config/tmpfs";
import { Registry } from "../src/index";
import { registryFailure } from "./support/registry-failure";
import { sampleDraft, sampleFiles, withTempRegistry } from "./support/sample";

describe("a registry path that is a file", () => {
  it("is named as such by every operation, reading or writing", () =>
    withTempRegistry(async (_registry, root) => {
      const file = join(root, "registry.txt");
      await writeFile(file, "not a folder");
      const registry = new Registry(file);
      const operations: Array<[string, () => Promise<unknown>]> = [
        ["checkWritable", () => registry.checkWritable()],
        ["publish", () => registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") })],
        ["listModels", () => registry.listModels()],
        ["resolve", () => registry.resolve("digits")],
        ["setAlias", () => registry.setAlias("digits", "best", 1)],
      ];
      for (const [what, operation] of operations) {
        const error = await registryFailure(operation());
        expect(error.code, what).toBe("INVALID");
        expect(error.message, what).toContain(`The registry path ${file} is a file, not a folder`);
      }
      // A folder below a file cannot be made either.
      const below = await registryFailure(new Registry(join(file, "inner")).checkWritable());
      expect(below.message).toContain(`${file} is a file, not a folder`);
    }));
});

const readOnly = mountTmpfs("size=1m");
afterAll(() => readOnly.dir && readOnly.unmount());

describe("a read-only registry", () => {
  it("can be read, and refuses writes with a message that names it", async (ctx) => {
    if (readOnly.dir === undefined) return ctx.skip(readOnly.reason);
    const root = join(readOnly.dir, "registry");
    await new Registry(root).publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
    readOnly.remount("ro");
    try {
      const registry = new Registry(root);
      expect((await registry.resolve("digits")).version).toBe(1);
      expect((await registry.listModels()).map((model) => model.name)).toEqual(["digits"]);
      const writes: Array<[string, () => Promise<unknown>]> = [
        ["checkWritable", () => registry.checkWritable()],
        ["publish", () => registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("b") })],
        ["setAlias", () => registry.setAlias("digits", "best", 1)],
        ["a new registry below it", () => new Registry(join(readOnly.dir!, "other")).checkWritable()],
      ];
      for (const [what, write] of writes) {
        const error = await registryFailure(write());
        expect(error.code, what).toBe("UNWRITABLE");
        expect(error.message, what).toMatch(/Cannot write to the registry at .* read-only file system \(EROFS\)/);
      }
    } finally {
      readOnly.remount("rw");
    }
  });
});
