import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { loadDataset } from "../src/data";
import { runCli } from "./support/cli-process";
import { publishTinyGenerator } from "./support/registry-fixtures";
import { expectUserError } from "./support/user-error";

let root: string;
let registry: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-conditional-"));
  registry = join(root, "registry");
});
afterAll(() => rm(root, { recursive: true, force: true }));

const TINY_RUN = ["--preset", "tiny", "--max-steps", "2", "--backend", "cpu"];
const GRID_PADDING = 2;

function sample(ref: string, out: string, ...extra: string[]) {
  const args = ["sample", ref, "--seed", "4", "--count", "9", "--out", out, "--registry", registry];
  return runCli([...args, "--backend", "cpu", ...extra]);
}

/** A PNG's size in tiles of `tile` pixels (torchvision-style padding around each). */
async function tiles(file: string, tile: number): Promise<{ across: number; down: number; data: Buffer }> {
  const png = PNG.sync.read(await readFile(file));
  const step = tile + GRID_PADDING;
  return { across: (png.width - GRID_PADDING) / step, down: (png.height - GRID_PADDING) / step, data: png.data };
}

/** A folder data set of plain PNGs at the given relative paths. */
async function imageFolder(name: string, files: string[]): Promise<string> {
  const folder = join(root, name);
  for (const file of files) {
    await mkdir(join(folder, file, ".."), { recursive: true });
    const png = new PNG({ width: 8, height: 8 });
    png.data.fill(file.length * 20);
    await writeFile(join(folder, file), PNG.sync.write(png));
  }
  return folder;
}

describe("train --conditional", () => {
  it("trains a class-conditional generator on mnist-embedded; sample draws a requested class or one row per class", async () => {
    const train = await runCli(["train", "--conditional", ...TINY_RUN, "--registry", registry]);
    expect(train.stderr).toBe("");
    expect(train.code).toBe(0);
    expect(train.stdout).toContain("data: conditional on 10 classes (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)");
    expect(train.stdout).toContain("Published mnist-embedded-tiny-conditional@1");
    const record = await new Registry(registry).resolve("mnist-embedded-tiny-conditional");
    expect(record.manifest.model).toMatchObject({ architecture: "dcgan", numClasses: 10, zDim: 16 });
    const topology = JSON.parse(await readFile(join(record.dir, "model.json"), "utf8")) as object;
    expect(JSON.stringify(topology)).toContain('"batch_input_shape":[null,26]'); // z (16) and the one-hot (10)
    // The run's grid: 8 shared latents, one row per class.
    expect(await tiles(join(record.dir, "samples.png"), 16)).toMatchObject({ across: 8, down: 10 });

    const [seven, sevenAgain, three] = [join(root, "7.png"), join(root, "7-again.png"), join(root, "3.png")];
    const drawn = await sample("mnist-embedded-tiny-conditional", seven, "--class", "7");
    expect(drawn.stdout).toContain("Wrote 9 samples of mnist-embedded-tiny-conditional@1 (seed 4, class 7)");
    await sample("mnist-embedded-tiny-conditional", sevenAgain, "--class", "7");
    await sample("mnist-embedded-tiny-conditional", three, "--class", "3");
    expect(await readFile(sevenAgain)).toEqual(await readFile(seven));
    expect(await readFile(three)).not.toEqual(await readFile(seven)); // same noise, another class
    expect(await tiles(seven, 16)).toMatchObject({ across: 3, down: 3 });

    const rows = join(root, "rows.png");
    const all = await sample("mnist-embedded-tiny-conditional", rows);
    expect(all.stdout).toContain(
      "Wrote 10 samples of mnist-embedded-tiny-conditional@1 (seed 4, one row per class (10))",
    );
    expect(await tiles(rows, 16)).toMatchObject({ across: 1, down: 10 });
  }, 180_000);

  it("refuses --class for an unconditional generator, and a class the generator does not draw", async () => {
    await publishTinyGenerator(new Registry(registry), "plain", 1);
    expectUserError(
      await sample("plain", join(root, "x.png"), "--class", "1"),
      /--class 1: plain@1 is not class-conditional \(train one with --conditional\)/,
    );
    expectUserError(
      await sample("mnist-embedded-tiny-conditional", join(root, "x.png"), "--class", "10"),
      /--class 10: mnist-embedded-tiny-conditional@1 draws classes 0 to 9/,
    );
  }, 120_000);

  it("takes a folder's classes from its sub-folders, and refuses a folder without them", async () => {
    const sorted = await imageFolder("pets", ["dog/a.png", "cat/b.png", "cat/deeper/c.png", "dog/d.png"]);
    const dataset = await loadDataset(`folder:${sorted}`, { cacheDir: root, imageSize: 8, channels: 1 });
    expect(dataset.classNames).toEqual(["cat", "dog"]);
    expect(Array.from(dataset.labels!)).toEqual([0, 0, 1, 1]); // cat/b, cat/deeper/c, dog/a, dog/d

    const args = [...TINY_RUN, "--image-size", "8", "--batch-size", "2", "--registry", registry];
    const train = await runCli(["train", "--conditional", "--data", `folder:${sorted}`, ...args]);
    expect(train.code).toBe(0);
    expect(train.stdout).toContain("data: conditional on 2 classes (cat, dog)");
    const record = await new Registry(registry).resolve("pets-tiny-conditional");
    expect(record.manifest.model).toMatchObject({ numClasses: 2 });

    const loose = await imageFolder("loose", ["a.png", "cat/b.png", "dog/c.png"]);
    expectUserError(
      await runCli(["train", "--conditional", "--data", `folder:${loose}`, ...args]),
      /--conditional needs images with classes, and folder:.*loose has none \(a\.png is not in a sub-folder\): put each class's images in a sub-folder of its own/,
    );
    const single = await imageFolder("single", ["cat/a.png", "cat/b.png"]);
    expectUserError(
      await runCli(["train", "--conditional", "--data", `folder:${single}`, ...args]),
      /has none \(all images are in one sub-folder \(cat\), and it takes two classes or more\)/,
    );
    await expect(new Registry(registry).resolve("loose-tiny-conditional")).rejects.toThrow();
  }, 180_000);
});
