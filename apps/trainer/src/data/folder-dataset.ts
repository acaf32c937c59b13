// A folder of PNG/JPEG images of any size (searched recursively, hidden entries skipped), brought to
// the model's size and channels. All images train and nothing is held out; images sorted into one
// sub-folder per class are labelled by it (for --conditional).
import type { Dirent, Stats } from "node:fs";
import { readdir, readFile, readlink, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { pixelHash } from "./content-hash";
import type { Dataset } from "./dataset";
import { decodeImage, IMAGE_EXTENSIONS, rgbaToFloat } from "./decode-image";
import { DatasetError } from "./errors";
import { folderClasses } from "./folder-classes";
import { checkDatasetMemory, MAX_FOLDER_IMAGES, MAX_IMAGE_FILE_BYTES } from "./limits";
import { resizeBilinear } from "@ganvas/core";

export const FOLDER_PREFIX = "folder:";

const isImageName = (name: string) => (IMAGE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());

/**
 * The image files under `folder`, as sorted paths. Symbolic links are followed, but every folder is read
 * once (by device and inode), so a link back up the tree (`ln -s . dot`) ends the walk instead of looping;
 * hidden entries and anything but regular files (a named pipe would block the read) are passed over.
 */
export async function listImages(folder: string, maxImages = MAX_FOLDER_IMAGES): Promise<string[]> {
  const root = await stat(folder).catch(() => undefined);
  if (!root?.isDirectory())
    throw new DatasetError("MISSING_FILE", `Image folder ${folder} does not exist or is not a folder.`);
  const seen = new Set<string>([`${root.dev}:${root.ino}`]);
  const pending = [""];
  const found: string[] = [];
  for (let relative = pending.pop(); relative !== undefined; relative = pending.pop()) {
    for (const entry of await readFolder(join(folder, relative))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(relative, entry.name);
      const info = entry.isSymbolicLink() ? await followLink(join(folder, path)) : entry;
      if (info?.isDirectory()) {
        const { dev, ino } = await stat(join(folder, path)); // through links: the folder itself
        if (seen.has(`${dev}:${ino}`)) continue;
        seen.add(`${dev}:${ino}`);
        pending.push(path);
      } else if (info?.isFile() && isImageName(entry.name)) {
        found.push(path);
        if (found.length > maxImages) {
          throw new DatasetError(
            "TOO_LARGE",
            `${folder} holds more than ${maxImages.toLocaleString("en-US")} images, the limit of a folder: data set: use a folder with fewer images.`,
          );
        }
      }
    }
  }
  // A fixed order, so the content hash and the shuffles do not depend on the file system.
  return found.sort().map((relative) => join(folder, relative));
}

async function readFolder(path: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (error) {
    throw new DatasetError(
      "UNREADABLE_IMAGE",
      `Cannot read the folder ${path} (${errorCode(error)}): make it readable or remove it.`,
      { cause: error },
    );
  }
}

/** What a link points to; a broken link to an image is an error, any other broken link is passed over. */
async function followLink(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if (!isImageName(path)) return undefined;
    const target = await readlink(path).catch(() => "?");
    throw new DatasetError("MISSING_FILE", `${path} is a broken symbolic link (to ${target}): fix or remove it.`, {
      cause: error,
    });
  }
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/** One image file's bytes, refused when larger than any image within the size limit could be. */
async function readImageFile(path: string): Promise<Uint8Array> {
  try {
    const { size } = await stat(path);
    if (size > MAX_IMAGE_FILE_BYTES) {
      throw new DatasetError(
        "TOO_LARGE",
        `${path} is ${(size / 1e6).toFixed(0)} MB, more than the limit of ${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MB for one image: shrink it or remove it.`,
      );
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(
      "UNREADABLE_IMAGE",
      `Cannot read image ${path} (${errorCode(error)}): make it readable or remove it.`,
      { cause: error },
    );
  }
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
  checkDatasetMemory(`${FOLDER_PREFIX}${folder}`, files.length, imageSize, channels);
  const imageFloats = imageSize * imageSize * channels;
  const images = new Float32Array(files.length * imageFloats);
  for (const [index, file] of files.entries()) {
    const decoded = decodeImage(await readImageFile(file), file);
    const floats = rgbaToFloat(decoded, channels);
    const fitted = resizeBilinear(floats, decoded.width, decoded.height, channels, imageSize, imageSize);
    for (let i = 0; i < imageFloats; i++) images[index * imageFloats + i] = Math.min(1, Math.max(-1, fitted[i]!));
  }
  const classes = folderClasses(folder, files);
  return {
    name: `${FOLDER_PREFIX}${folder}`,
    count: files.length,
    imageSize,
    channels,
    contentHash: pixelHash(images),
    images,
    heldOut: { count: 0, images: new Float32Array(0) },
    ...("problem" in classes ? { classProblem: classes.problem } : classes),
  };
}
