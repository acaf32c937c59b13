import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDataset, type Dataset } from "../../src/data";

const options = { cacheDir: "unused-for-embedded-data", channels: 1 as const };

/** The package's own digits of one class, 28x28 floats in [0, 1]. */
async function packageDigits(label: number): Promise<number[]> {
  const folder = join(dirname(createRequire(import.meta.url).resolve("mnist/package.json")), "src", "digits");
  return (JSON.parse(await readFile(join(folder, `${label}.json`), "utf8")) as { data: number[] }).data;
}

function classHistogram(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]!++;
  return counts;
}

function range(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return [min, max];
}

describe("mnist-embedded", () => {
  let at32: Dataset;
  let at64: Dataset;
  beforeAll(async () => {
    at32 = await loadDataset("mnist-embedded", { ...options, imageSize: 32 });
    at64 = await loadDataset("mnist-embedded", { ...options, imageSize: 64 });
  });

  it("splits the 10,000 digits into 8,995 for training and a stratified 1,005 held out", () => {
    expect(at32.count + at32.heldOut.count).toBe(10_000);
    expect(at32.count).toBe(8995);
    expect(at32.heldOut.count).toBe(1005);
    expect(classHistogram(at32.heldOut.labels!)).toEqual([101, 113, 100, 104, 98, 87, 102, 107, 95, 98]);
    expect(classHistogram(at32.labels!)).toEqual([900, 1014, 891, 928, 882, 776, 912, 963, 849, 880]);
    expect(at32.classNames).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  });

  it("holds out the last digits of each class, always the same ones", async () => {
    const zeros = await packageDigits(0);
    expectPaddedDigit(at32.heldOut.images.subarray(0, 1024), zeros.slice(900 * 784, 901 * 784));
    expect(at32.heldOut.labels![0]).toBe(0);
    const nines = await packageDigits(9);
    expectPaddedDigit(at32.images.subarray(8994 * 1024, 8995 * 1024), nines.slice(879 * 784, 880 * 784));
    expect(at32.labels![8994]).toBe(9);
  });

  it("pads to 32x32 with a 2-pixel background border, values in [-1, 1]", () => {
    expect(at32.images.length).toBe(8995 * 32 * 32);
    expect(range(at32.images)).toEqual([-1, 1]);
    for (const n of [0, 4000, 8994]) {
      const image = at32.images.subarray(n * 1024, (n + 1) * 1024);
      for (let i = 0; i < 32; i++) {
        for (const border of [0, 1, 30, 31]) {
          expect(image[border * 32 + i]).toBe(-1);
          expect(image[i * 32 + border]).toBe(-1);
        }
      }
    }
  });

  it("resizes to 64x64 keeping each digit's brightness", () => {
    expect(at64.imageSize).toBe(64);
    expect(at64.images.length).toBe(8995 * 64 * 64);
    const [min, max] = range(at64.images);
    expect(min).toBeGreaterThanOrEqual(-1);
    expect(max).toBeLessThanOrEqual(1);
    expect(at64.contentHash).not.toBe(at32.contentHash);
    for (const n of [0, 5000]) {
      const mean32 = mean(at32.images.subarray(n * 1024, (n + 1) * 1024));
      const mean64 = mean(at64.images.subarray(n * 4096, (n + 1) * 4096));
      // Both show the same 28x28 digit: padding added 32*32 - 28*28 = 240 pixels of -1, resizing none.
      const inner32 = (mean32 * 1024 + 240) / (28 * 28);
      expect(mean64).toBeCloseTo(inner32, 1);
    }
  });

  it("repeats gray into 3 channels when asked", async () => {
    const rgb = await loadDataset("mnist-embedded", { ...options, imageSize: 28, channels: 3 });
    expect(rgb.channels).toBe(3);
    expect(rgb.images.length).toBe(8995 * 28 * 28 * 3);
    for (let p = 0; p < 28 * 28; p++) {
      expect(rgb.images[p * 3]).toBe(rgb.images[p * 3 + 1]);
      expect(rgb.images[p * 3]).toBe(rgb.images[p * 3 + 2]);
    }
  });
});

/** The 32x32 image is the 28x28 package digit (in [0, 1]) scaled to [-1, 1] inside a 2-pixel border. */
function expectPaddedDigit(image: Float32Array, digit: number[]): void {
  const inner = Array.from({ length: 28 * 28 }, (_, i) => image[(Math.floor(i / 28) + 2) * 32 + (i % 28) + 2]!);
  const expected = digit.map((v) => v * 2 - 1);
  expect(Math.max(...inner.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThan(1e-6);
  expect(new Set(expected).size).toBeGreaterThan(2); // a real digit, not a blank
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
