import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runCliWithin } from "../support/bounded-cli";
import { startCli } from "../support/cli-process";
import { expectUserError } from "../support/user-error";

let root: string;
let folder: string;
let runs = 0;
beforeEach(async () => {
  root ??= await mkdtemp(join(tmpdir(), "ganvas-hostile-folder-"));
  folder = join(root, `images-${++runs}`);
  await mkdir(folder);
  await writeFile(join(folder, "one.png"), PNG.sync.write(new PNG({ width: 8, height: 8 })));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The real CLI on the folder, killed after 90 s: a hang fails the test instead of hanging it. */
function trainOnFolder() {
  const args = ["train", "--data", `folder:${folder}`, "--preset", "tiny", "--batch-size", "1", "--max-steps", "1"];
  return runCliWithin([...args, "--backend", "cpu", "--registry", join(root, `registry-${runs}`)], 90_000);
}

describe("folder: data sets", () => {
  it(
    "a symlink loop (ln -s . dot, and a link to the parent) is walked once, without hanging",
    { timeout: 150_000 },
    async () => {
      await symlink(".", join(folder, "dot"));
      await mkdir(join(folder, "sub"));
      await symlink("..", join(folder, "sub", "up"));
      const result = await trainOnFolder();
      expect(result.killed).toBe(false);
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain("data: 1 training images");
      expect(result.code).toBe(0);
    },
  );

  it(
    "a named pipe called *.png is passed over, not read (reading it would wait forever)",
    { timeout: 150_000 },
    async () => {
      execFileSync("mkfifo", [join(folder, "pipe.png")]);
      const result = await trainOnFolder();
      expect(result.killed).toBe(false);
      expect(result.stdout).toContain("data: 1 training images");
      expect(result.code).toBe(0);
    },
  );

  it("a broken link to an image is named", { timeout: 150_000 }, async () => {
    await symlink(join(root, "nowhere.png"), join(folder, "gone.png"));
    const result = await trainOnFolder();
    expect(result.killed).toBe(false);
    expectUserError(result, /gone\.png is a broken symbolic link \(to .*nowhere\.png\): fix or remove it\./);
  });

  it.each([
    ["PNG", "wide.png", () => PNG.sync.write(new PNG({ width: 8193, height: 1 })), "8193x1"],
    [
      "JPEG",
      "tall.jpg",
      () => Buffer.from(jpeg.encode({ data: Buffer.alloc(8 * 8200 * 4), width: 8, height: 8200 }, 50).data),
      "8x8200",
    ],
  ])(
    "a %s over 8,192 pixels a side is refused before it is decoded",
    { timeout: 150_000 },
    async (_, name, bytes, size) => {
      await writeFile(join(folder, name), bytes());
      const result = await trainOnFolder();
      expectUserError(
        result,
        new RegExp(`${name} is ${size} pixels, more than the limit of 8,192 pixels a side: shrink it or remove it\\.`),
      );
    },
  );

  it("a folder over the image limit is refused while it is listed", async () => {
    for (const name of ["two.png", "three.png"]) await writeFile(join(folder, name), "");
    // Imported here so that the other cases run (and fail on their own) before listImages is exported.
    const { listImages } = (await import("../../src/data/folder-dataset")) as {
      listImages: (folder: string, maxImages: number) => Promise<string[]>;
    };
    await expect(listImages(folder, 2)).rejects.toThrow(
      /holds more than 2 images, the limit of a folder: data set: use a folder with fewer images/,
    );
    await expect(listImages(folder, 3)).resolves.toHaveLength(3);
  });

  it("--help states the limits", async () => {
    const help = await startCli(["train", "--help"]).output;
    const text = help.stdout.replace(/\s+/g, " ");
    expect(text).toContain("at most 1,000,000 images of at most 8,192 pixels a side");
    expect(text).toContain("symbolic links are followed, each folder once");
  });
});
