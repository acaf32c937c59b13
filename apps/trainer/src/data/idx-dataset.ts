// MNIST and Fashion-MNIST from their standard IDX gzip files: found in --data-dir, or downloaded once
// into the cache. Every file is checked against its known SHA-256 before it is parsed.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pixelHash, sha256Hex } from "./content-hash";
import type { Dataset, LoadDatasetOptions } from "./dataset";
import { downloadVerified } from "./download";
import { DatasetError } from "./errors";
import { DIGIT_SIZE, fitDigits } from "@ganvas/core";
import { checkDatasetMemory } from "./limits";
import { gunzip, parseIdxImages, parseIdxLabels, type IdxSource } from "./idx";
import { IDX_FILES, type IdxCatalogEntry, type IdxFileName } from "./idx-catalog";

const DEFAULT_ATTEMPTS = 4;
const DEFAULT_RETRY_DELAY_MS = 1000;
const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

async function readIfPresent(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new DatasetError("CORRUPT_FILE", `Cannot read ${path}: ${(error as Error).message}.`, { cause: error });
  }
}

function baseUrl(entry: IdxCatalogEntry, options: LoadDatasetOptions): string {
  const env = options.env ?? process.env;
  const base = options.baseUrl ?? env[entry.urlVariable] ?? entry.defaultBaseUrl;
  return base.endsWith("/") ? base : `${base}/`;
}

/** The verified gzip bytes of one file, plus where they live (for error messages). */
async function obtainFile(
  entry: IdxCatalogEntry,
  file: IdxFileName,
  options: LoadDatasetOptions,
): Promise<{ bytes: Uint8Array; source: IdxSource }> {
  const expected = options.expectedSha256?.[file] ?? entry.sha256[file];
  const fromDataDir = options.dataDir !== undefined;
  const path = fromDataDir ? resolve(options.dataDir!, file) : resolve(options.cacheDir, entry.name, file);
  const source: IdxSource = fromDataDir
    ? { path, advice: `Replace it with an intact copy of the standard ${entry.name} file (check --data-dir).` }
    : { path, advice: "Delete the cached file and re-run to download it again." };

  const onDisk = await readIfPresent(path);
  if (onDisk === null && fromDataDir) {
    throw new DatasetError(
      "MISSING_FILE",
      `${file} is not in the data folder ${resolve(options.dataDir!)}. Put the four ${entry.name} files ` +
        `(${Object.values(IDX_FILES).join(", ")}) there, or leave out --data-dir to download them.`,
    );
  }
  if (onDisk !== null) {
    const actual = sha256Hex(onDisk);
    if (actual !== expected) {
      throw new DatasetError(
        "CHECKSUM_MISMATCH",
        `${path} has SHA-256 ${actual}, expected ${expected}. ${source.advice}`,
      );
    }
    return { bytes: onDisk, source };
  }

  const url = new URL(file, baseUrl(entry, options)).toString();
  const bytes = await downloadVerified(
    {
      url,
      destination: path,
      expectedSha256: expected,
      fetchImpl: options.fetchImpl ?? fetch,
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      onProgress: options.onProgress,
      advice:
        `Check the network, set ${entry.urlVariable} to a mirror that serves the standard files, ` +
        `or download them yourself and pass --data-dir.`,
    },
    file,
  );
  return { bytes, source };
}

async function readSplit(
  entry: IdxCatalogEntry,
  imagesFile: IdxFileName,
  labelsFile: IdxFileName,
  options: LoadDatasetOptions,
): Promise<{ count: number; pixels: ArrayLike<number>; labels: Uint8Array }> {
  const imagesGz = await obtainFile(entry, imagesFile, options);
  const labelsGz = await obtainFile(entry, labelsFile, options);
  const images = parseIdxImages(gunzip(imagesGz.bytes, imagesGz.source), imagesGz.source, DIGIT_SIZE);
  const labels = parseIdxLabels(gunzip(labelsGz.bytes, labelsGz.source), labelsGz.source);
  if (labels.length !== images.count) {
    throw new DatasetError(
      "CORRUPT_FILE",
      `${labelsGz.source.path} has ${labels.length} labels but ${imagesGz.source.path} has ${images.count} images. ${labelsGz.source.advice}`,
    );
  }
  return { count: images.count, pixels: images.pixels, labels: Uint8Array.from(labels) };
}

/** Training set = the IDX train files; held out = the t10k (test) files. Labels kept for both. */
export async function loadIdxDataset(entry: IdxCatalogEntry, options: LoadDatasetOptions): Promise<Dataset> {
  const trainSplit = await readSplit(entry, IDX_FILES.trainImages, IDX_FILES.trainLabels, options);
  const testSplit = await readSplit(entry, IDX_FILES.testImages, IDX_FILES.testLabels, options);
  checkDatasetMemory(entry.name, trainSplit.count + testSplit.count, options.imageSize, options.channels);
  const fit = ({ count, pixels, labels }: typeof trainSplit) => ({
    count,
    images: fitDigits(pixels, count, 255, options.imageSize, options.channels),
    labels,
  });
  const train = fit(trainSplit);
  const test = fit(testSplit);
  return {
    name: entry.name,
    count: train.count,
    imageSize: options.imageSize,
    channels: options.channels,
    contentHash: pixelHash(train.images),
    images: train.images,
    labels: train.labels,
    classNames: [...entry.classNames],
    heldOut: test,
  };
}
