// What a data set may hold, stated in --help and enforced before the images are decoded or stored.
import { DatasetError } from "./errors";

/** All of a data set's images as float32, training and held out together. Below 2^31 bytes (hashing). */
export const MAX_DATASET_BYTES = 2e9;
/** Images a `folder:` data set may hold. */
export const MAX_FOLDER_IMAGES = 1_000_000;
/** Width or height of one image file, in pixels. */
export const MAX_IMAGE_SIDE = 8_192;
/** One image file's size on disk. */
export const MAX_IMAGE_FILE_BYTES = 512 * 1024 * 1024;

const MIN_IMAGE_SIZE = 8;
const bytesAt = (count: number, size: number, channels: number) =>
  count * size * size * channels * Float32Array.BYTES_PER_ELEMENT;

/** Fails when `count` images at the model's size would not fit the memory limit, saying what would. */
export function checkDatasetMemory(name: string, count: number, imageSize: number, channels: 1 | 3): void {
  const bytes = bytesAt(count, imageSize, channels);
  if (bytes <= MAX_DATASET_BYTES) return;
  let fits = imageSize;
  while (fits > MIN_IMAGE_SIZE && bytesAt(count, fits, channels) > MAX_DATASET_BYTES) fits /= 2;
  const advice =
    bytesAt(count, fits, channels) <= MAX_DATASET_BYTES ? `use --image-size ${fits} or smaller` : "use fewer images";
  throw new DatasetError(
    "TOO_LARGE",
    `${name} at ${imageSize}x${imageSize} needs ${(bytes / 1e9).toFixed(1)} GB of memory (${count.toLocaleString("en-US")} images), ` +
      `more than the limit of ${MAX_DATASET_BYTES / 1e9} GB: ${advice}.`,
  );
}
