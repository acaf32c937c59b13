import { mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RegistryError, sha256Hex } from "../src/index";
import { sampleDraft, sampleFiles, withTempRegistry } from "./support/sample";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    return (error as RegistryError).code;
  }
  throw new Error("expected a RegistryError");
}

describe("resolveFile", () => {
  it("returns listed files with their size, hash and content type", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      const weights = await registry.resolveFile("digits", 1, "weights.bin");
      expect(weights.location).toBe(join(record.dir, "weights.bin"));
      expect(weights.bytes).toBe(1024);
      expect(weights.sha256).toBe(sha256Hex(await readFile(weights.location)));
      expect(weights.contentType).toBe("application/octet-stream");
      expect((await registry.resolveFile("digits", 1, "model.json")).contentType).toBe("application/json");
      expect((await registry.resolveFile("digits", 1, "samples.png")).contentType).toBe("image/png");
    }));

  it("serves nested paths that the manifest lists", () =>
    withTempRegistry(async (registry) => {
      const files = [...sampleFiles("a"), { path: "shards/group1-shard1of1.bin", role: "other" as const, data: "xyz" }];
      await registry.publish({ name: "digits", manifest: sampleDraft(), files });
      expect((await registry.resolveFile("digits", 1, "shards/group1-shard1of1.bin")).bytes).toBe(3);
    }));

  it("refuses traversal, encoded traversal, absolute paths, backslashes and NUL", () =>
    withTempRegistry(async (registry) => {
      await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      const attacks = [
        "../x",
        "../../../../etc/passwd",
        "weights.bin/../../2/weights.bin",
        "%2e%2e/x",
        "%2E%2E%2Fx",
        "..%2fx",
        "%252e%252e%252fx", // encoded twice
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        "C:/Windows/win.ini",
        "..\\x",
        "weights.bin%5c..",
        "weights.bin\0.png",
        "weights.bin%00",
        "%zz",
      ];
      for (const attack of attacks) {
        expect(await codeOf(registry.resolveFile("digits", 1, attack)), attack).toBe("FORBIDDEN");
      }
    }));

  it("refuses files the manifest does not list, including the manifest itself", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      await writeFile(join(record.dir, "extra.bin"), "not listed");
      await expect(registry.resolveFile("digits", 1, "extra.bin")).rejects.toThrow(
        /no file "extra\.bin"\. Files: model\.json, weights\.bin, samples\.png/,
      );
      expect(await codeOf(registry.resolveFile("digits", 1, "manifest.json"))).toBe("NOT_FOUND");
      expect(await codeOf(registry.resolveFile("digits", 2, "weights.bin"))).toBe("NOT_FOUND");
      expect(await codeOf(registry.resolveFile("..", 1, "weights.bin"))).toBe("INVALID");
    }));

  it("refuses a listed file that is a symlink leading outside the registry root", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      const outside = await mkdtemp(join(tmpdir(), "ganvas-outside-"));
      try {
        // Same size as the real file, so only the location gives it away.
        const secret = join(outside, "secret.bin");
        await writeFile(secret, new Uint8Array(1024));
        await rm(join(record.dir, "weights.bin"));
        await symlink(secret, join(record.dir, "weights.bin"));
        expect(await codeOf(registry.resolveFile("digits", 1, "weights.bin"))).toBe("FORBIDDEN");
        expect(await codeOf(registry.resolve("digits@1"))).toBe("FORBIDDEN");
        // A symlink whose target stays inside the root is fine.
        await rm(join(record.dir, "samples.png"));
        const second = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
        await symlink(join(second.dir, "samples.png"), join(record.dir, "samples.png"));
        expect((await registry.resolveFile("digits", 1, "samples.png")).bytes).toBe(second.manifest.files[2]!.bytes);
        const { bytes } = await registry.readFile("digits", 1, "samples.png");
        expect(Buffer.from(bytes).equals(await readFile(await realpath(join(second.dir, "samples.png"))))).toBe(true);
      } finally {
        await rm(outside, { recursive: true, force: true });
      }
    }));
});
