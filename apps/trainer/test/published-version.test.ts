import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry, sha256Hex } from "@ganvas/registry";
import { CLOTHING_CLASS_NAMES } from "../src/data/class-names";
import { runCli } from "./support/cli-process";
import { greyPng } from "./support/grey-png";

let root: string;
let registry: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-published-"));
  registry = join(root, "registry");
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("a published version", () => {
  it("carries the fixed-noise grid of every finished epoch, each with its epoch", async () => {
    const images = join(root, "images");
    await mkdir(images);
    for (let index = 0; index < 16; index++) await writeFile(join(images, `${index}.png`), greyPng(index));
    const train = await runCli([
      "train",
      ...["--data", `folder:${images}`, "--preset", "tiny", "--epochs", "2", "--batch-size", "8"],
      ...["--backend", "cpu", "--registry", registry, "--name", "grids"],
    ]);
    expect(train.stderr).toBe("");
    expect(train.code).toBe(0);

    const record = await new Registry(registry).resolve("grids@1");
    expect(record.manifest.training).toMatchObject({ epochs: 2, steps: 4 });
    const grids = record.manifest.files.filter((file) => file.role === "epoch-samples");
    expect(grids.map(({ path, epoch }) => ({ path, epoch }))).toEqual([
      { path: "epochs/epoch-0001.png", epoch: 1 },
      { path: "epochs/epoch-0002.png", epoch: 2 },
    ]);
    // They are the run folder's own grids; the last one is also the version's samples.png.
    const runs = await readdir(join(registry, "runs"));
    expect(runs).toHaveLength(1);
    const hashes = grids.map((grid) => grid.sha256);
    for (const grid of grids) {
      const written = await readFile(join(registry, "runs", ...runs, "samples", grid.path.slice("epochs/".length)));
      expect(grid.sha256).toBe(sha256Hex(written));
    }
    expect(new Set(hashes).size).toBe(2);
    expect(record.manifest.files.find((file) => file.role === "samples")?.sha256).toBe(hashes.at(-1));
    // A folder of images has no labels, so no class names.
    expect(record.manifest.dataset.classNames).toBeUndefined();
  });

  it("trained on fashion-mnist-embedded names its ten classes", async () => {
    const train = await runCli(
      [
        "train",
        ...["--data", "fashion-mnist-embedded", "--preset", "tiny", "--max-steps", "2"],
        ...["--backend", "cpu", "--registry", registry, "--name", "clothes"],
      ],
      { GANVAS_CACHE: join(root, "cache") },
    );
    expect(train.stderr).toBe("");
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/data: converting the fashion-mnist 1\.1\.0 package once/);

    const { manifest } = await new Registry(registry).resolve("clothes@1");
    expect(manifest.schemaVersion).toBe(2);
    expect(manifest.dataset.name).toBe("fashion-mnist-embedded");
    expect(manifest.dataset.classNames).toEqual(CLOTHING_CLASS_NAMES);
    expect(manifest.files.some((file) => file.role === "epoch-samples")).toBe(false);
    // The first load converts 149 MB of the package's JSON (20-30 s on a busy 2-core machine).
  }, 300_000);
});
