import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RegistryError } from "../src/index";
import { sampleDraft, sampleFiles, withTempRegistry } from "./support/sample";

/** Changes one byte in place: same size, so only the hash can tell. */
async function flipByte(path: string, at: number): Promise<void> {
  const bytes = await readFile(path);
  bytes[at] = (bytes[at]! + 1) % 256;
  await writeFile(path, bytes);
}

describe("reading a version's files", () => {
  it("returns the bytes of a listed file after checking them against the manifest's sha256", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      const { file, bytes } = await registry.readFile("digits", 1, "weights.bin");
      expect(Buffer.from(bytes).equals(await readFile(join(record.dir, "weights.bin")))).toBe(true);
      expect(file.sha256).toBe(record.manifest.files.find((entry) => entry.path === "weights.bin")!.sha256);
      expect(file.contentType).toBe("application/octet-stream");
    }));

  it("refuses a file damaged at the same size, naming the file, both hashes and what to do", () =>
    withTempRegistry(async (registry) => {
      const record = await registry.publish({ name: "digits", manifest: sampleDraft(), files: sampleFiles("a") });
      await flipByte(join(record.dir, "weights.bin"), 10);
      await flipByte(join(record.dir, "model.json"), 2);
      for (const path of ["weights.bin", "model.json"]) {
        const error = await registry.readFile("digits", 1, path).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(RegistryError);
        expect((error as RegistryError).code).toBe("CORRUPT");
        const message = (error as Error).message;
        expect(message).toMatch(
          new RegExp(
            `${path.replace(".", "\\.")} of digits@1 .* has sha256 [0-9a-f]{64} but the manifest records [0-9a-f]{64}`,
          ),
        );
        expect(message).toContain(`delete the folder ${record.dir}`);
        expect(message).not.toMatch(/republish/i);
      }
      // Other files of the version are still served.
      expect((await registry.readFile("digits", 1, "samples.png")).bytes.byteLength).toBe(5);
    }));
});
