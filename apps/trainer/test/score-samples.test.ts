import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng, shuffledIndices } from "@ganvas/core";
import { readImageFile, writeImageFile } from "../src/images/image-file";
import { FLOOR_SEED } from "../src/quality/score-generator";
import { runCli } from "./support/cli-process";

let root: string;
let registry: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-score-samples-"));
  registry = join(root, "registry");
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** As many images as the embedded digits hold out: what a score compares. */
const HELD_OUT = 1005;
const SIZE = 16;
const PIXELS = SIZE * SIZE;

/** `count` training images drawn as the real-data floor draws them, with `seed`. */
function seededSubset(images: Float32Array, count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const picked = shuffledIndices(images.length / PIXELS, () => rng.next()).subarray(0, count);
  const subset = new Float32Array(count * PIXELS);
  picked.forEach((row, i) => subset.set(images.subarray(row * PIXELS, (row + 1) * PIXELS), i * PIXELS));
  return subset;
}

async function writeDigits(name: string, images: Float32Array): Promise<string> {
  const file = join(root, name);
  await writeImageFile(file, images, { imageSize: SIZE, channels: 1 }, { dataset: "mnist-embedded" });
  return file;
}

interface Scored {
  score: number;
  realDataFloor: number;
  classHistogram: number[];
  samples: number;
  evaluator: string;
}

async function scoreFile(file: string): Promise<Scored> {
  const result = await runCli(["score-samples", "--samples", file, "--registry", registry, "--backend", "cpu"]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Scored;
}

describe("export-data and score-samples (the benchmark's maintenance commands)", () => {
  it("export the training digits as train sees them; real digits score near the floor, noise far above", async () => {
    const exported = join(root, "digits.bin");
    const exportRun = await runCli(["export-data", "--image-size", String(SIZE), "--out", exported]);
    expect(exportRun.code, exportRun.stderr).toBe(0);
    const { header, images } = await readImageFile(exported);
    expect(header).toMatchObject({ dataset: "mnist-embedded", count: 8995, height: SIZE, width: SIZE, channels: 1 });
    // The header's hash is the one `train` publishes: of these very floats.
    const bytes = await readFile(exported);
    const payload = bytes.subarray(bytes.indexOf(0x0a) + 1);
    expect(createHash("sha256").update(payload).digest("hex")).toBe(header.contentHash);
    expect(payload.length).toBe(8995 * PIXELS * 4);

    const evaluator = await runCli([
      ...["train-evaluator", "--image-size", String(SIZE), "--epochs", "1"],
      ...["--backend", "wasm", "--registry", registry],
    ]);
    expect(evaluator.code, evaluator.stderr).toBe(0);

    // The floor's own draw of training digits, scored as samples, gives exactly the floor: the same code path.
    const floorDraw = await scoreFile(await writeDigits("floor-draw.bin", seededSubset(images, HELD_OUT, FLOOR_SEED)));
    expect(floorDraw.score).toBeCloseTo(floorDraw.realDataFloor, 6);
    const realScore = await scoreFile(await writeDigits("real.bin", seededSubset(images, HELD_OUT, 7)));
    expect(realScore.evaluator).toBe(`evaluator-mnist-embedded-${SIZE}@1`);
    expect(realScore.samples).toBe(HELD_OUT);
    expect(realScore.classHistogram.reduce((a, b) => a + b, 0)).toBe(HELD_OUT);
    expect(realScore.classHistogram.every((count) => count > HELD_OUT * 0.05)).toBe(true);
    // Another draw of real training digits lands near the floor (draws of 1,005 differ by a few times at most).
    console.log(`floor ${realScore.realDataFloor}, another real draw ${realScore.score}`);
    expect(realScore.score / realScore.realDataFloor).toBeGreaterThan(0.2);
    expect(realScore.score / realScore.realDataFloor).toBeLessThan(5);

    let state = 11;
    const noise = Float32Array.from({ length: (HELD_OUT + 20) * PIXELS }, () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return (state / 2 ** 32) * 2 - 1;
    });
    const noiseFile = join(root, "noise.bin");
    await writeImageFile(noiseFile, noise, { imageSize: SIZE, channels: 1 });
    const noiseScore = await scoreFile(noiseFile);
    expect(noiseScore.realDataFloor).toBe(realScore.realDataFloor);
    expect(noiseScore.samples).toBe(HELD_OUT);
    console.log(`noise ${noiseScore.score}`);
    expect(noiseScore.score).toBeGreaterThan(10 * realScore.score);
  }, 400_000);

  it("refuses too few images, pixels out of range and files that are not image files", async () => {
    const few = join(root, "few.bin");
    await writeImageFile(few, new Float32Array(10 * PIXELS), { imageSize: SIZE, channels: 1 });
    const tooFew = await runCli(["score-samples", "--samples", few, "--registry", registry, "--backend", "cpu"]);
    expect(tooFew.code).toBe(1);
    expect(tooFew.stderr).toContain("holds 10 images; a score needs 1005");

    const bright = join(root, "bright.bin");
    await writeImageFile(bright, new Float32Array(HELD_OUT * PIXELS).fill(2), { imageSize: SIZE, channels: 1 });
    const outOfRange = await runCli(["score-samples", "--samples", bright, "--registry", registry]);
    expect(outOfRange.code).toBe(1);
    expect(outOfRange.stderr).toContain("pixel 0 is 2; pixels must be numbers from -1 to 1");

    const notImages = await runCli(["score-samples", "--samples", join(root, "registry"), "--registry", registry]);
    expect(notImages.code).toBe(1);
    expect(notImages.stderr).toContain("Cannot read");

    const help = await runCli(["--help"]);
    expect(help.stdout).not.toMatch(/export-data|score-samples/);
  });
});
