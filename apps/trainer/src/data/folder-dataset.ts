// A folder of PNG/JPEG images of any size (searched recursively, hidden entries skipped), brought to
// the model's size and channels. All images train; there are no labels and nothing is held out.
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { pixelHash } from "./content-hash";
import type { Dataset } from "./dataset";
import { decodeImage, IMAGE_EXTENSIONS, rgbaToFloat } from "./decode-image";
import { DatasetError } from "./errors";
import { resizeBilinear } from "./resize";

export const FOLDER_PREFIX = "folder:";

async function listImages(folder: string): Promise<string[]> {
  const isFolder = await stat(folder).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new DatasetError("MISSING_FILE", `Image folder ${folder} does not exist or is not a folder.`);
  const entries = await readdir(folder, { recursive: true });
  return entries
    .filter((relative) => !relative.split(sep).some((part) => part.startsWith(".")))
    .filter((relative) => (IMAGE_EXTENSIONS as readonly string[]).includes(extname(relative).toLowerCase()))
    .sort() // a fixed order, so the content hash and the shuffles do not depend on the file system
    .map((relative) => join(folder, relative));
}

export async function loadImageFolder(path: string, imageSize: number, channels: 1 | 3): Promise<Dataset> {
  const folder = resolve(path);
  const files = await listImages(folder);
  if (files.length === 0) {
    throw new DatasetError(
      "NO_IMAGES",
      `No images in ${folder}: put .png, .jpg or .jpeg files there (subfolders are searched too).`,
    );
  }
  const imageFloats = imageSize * imageSize * channels;
  const images = new Float32Array(files.length * imageFloats);
  for (const [index, file] of files.entries()) {
    const decoded = decodeImage(await readFile(file), file);
    const floats = rgbaToFloat(decoded, channels);
    const fitted = resizeBilinear(floats, decoded.width, decoded.height, channels, imageSize, imageSize);
    for (let i = 0; i < imageFloats; i++) images[index * imageFloats + i] = Math.min(1, Math.max(-1, fitted[i]!));
  }
  return {
    name: `${FOLDER_PREFIX}${folder}`,
    count: files.length,
    imageSize,
    channels,
    contentHash: pixelHash(images),
    images,
    heldOut: { count: 0, images: new Float32Array(0) },
  };
}
