import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRAIN_SCRIPT } from "../src/pytorch-reference";

const PYTHON = process.env["BENCH_PYTHON"] ?? "/usr/bin/python3";
const hasTorch = spawnSync(PYTHON, ["-c", "import torch"]).status === 0;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-pytorch-train-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const SIZE = 16;

/** A Ganvas image file (trainer export-data's format) of `count` striped 16x16 images in [-1, 1]. */
async function writeStripes(path: string, count: number): Promise<void> {
  const header = { format: "ganvas-images", version: 1, dtype: "float32", layout: "NHWC" };
  const shape = { count, height: SIZE, width: SIZE, channels: 1, dataset: "stripes" };
  const pixels = Float32Array.from({ length: count * SIZE * SIZE }, (_, i) =>
    (i + Math.floor(i / 97)) % 4 < 2 ? 1 : -1,
  );
  await writeFile(
    path,
    Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, ...shape })}\n`), Buffer.from(pixels.buffer)]),
  );
}

const shape = ["--z-dim", "8", "--generator-channels", "8,4", "--discriminator-channels", "4,8", "--batch-size", "16"];

describe.skipIf(!hasTorch)("dcgan_train.py", () => {
  it("trains on an image file for its budget, then writes its samples in the same format", async () => {
    const data = join(root, "stripes.bin");
    await writeStripes(data, 64);
    const out = join(root, "samples.bin");
    const train = () =>
      spawnSync(
        PYTHON,
        [TRAIN_SCRIPT, "--data", data, "--budget-seconds", "1", ...shape, "--samples", "20", "--out", out],
        { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } },
      );
    const result = train();
    expect(result.status, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { steps: number; epochs: number; samples: number };
    expect(printed.steps).toBeGreaterThan(0);
    expect(printed.epochs).toBeCloseTo(printed.steps / 4, 12); // 64 images, batches of 16
    expect(printed.samples).toBe(20);

    const bytes = await readFile(out);
    const newline = bytes.indexOf(0x0a);
    expect(JSON.parse(bytes.subarray(0, newline).toString())).toEqual({
      ...{ format: "ganvas-images", version: 1, dtype: "float32", layout: "NHWC" },
      ...{ count: 20, height: SIZE, width: SIZE, channels: 1, dataset: "stripes" },
    });
    const payload = bytes.subarray(newline + 1);
    expect(payload.length).toBe(20 * SIZE * SIZE * 4);
    const pixels = new Float32Array(new Uint8Array(payload).buffer);
    expect(pixels.every((value) => value >= -1 && value <= 1)).toBe(true);
    expect(new Set(pixels).size).toBeGreaterThan(100);
  }, 120_000);

  it("refuses a network shape that does not fit the data file", async () => {
    const data = join(root, "stripes.bin");
    await writeStripes(data, 64);
    const result = spawnSync(
      PYTHON,
      [
        TRAIN_SCRIPT,
        "--data",
        data,
        "--budget-seconds",
        "1",
        "--image-size",
        "32",
        ...shape,
        "--out",
        join(root, "x.bin"),
      ],
      { encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`--image-size 32, but ${data} holds images of ${SIZE}`);
  }, 120_000);
});
