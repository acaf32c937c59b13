import { endianness } from "node:os";
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "@ganvas/registry";
import { UserError } from "../errors";

/**
 * A file of images another program can read without Ganvas (the benchmark's PyTorch reference does):
 * one line of JSON, the header, then `count * height * width * channels` little-endian float32 values,
 * NHWC, pixels in [-1, 1], exactly as the trainer feeds them to the networks.
 *
 *   {"format":"ganvas-images","version":1,"dtype":"float32","layout":"NHWC","count":8995,"height":32,...}\n<floats>
 */
export const IMAGE_FILE_FORMAT = "ganvas-images";
const IMAGE_FILE_VERSION = 1;

export interface ImageFileHeader {
  format: typeof IMAGE_FILE_FORMAT;
  version: typeof IMAGE_FILE_VERSION;
  dtype: "float32";
  layout: "NHWC";
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  /** The data set the images are (or imitate), e.g. "mnist-embedded". */
  dataset?: string;
  /** Training images only: the data set's SHA-256 as `train` reports and publishes it (of the floats below). */
  contentHash?: string;
}

export interface ImageFile {
  header: ImageFileHeader;
  images: Float32Array;
}

// Float32Array's bytes are the machine's: the format promises little-endian, which every machine Ganvas runs on is.
function assertLittleEndian(): void {
  if (endianness() !== "LE") throw new Error("Image files are little-endian; this machine is big-endian.");
}

export async function writeImageFile(
  path: string,
  images: Float32Array,
  shape: { imageSize: number; channels: 1 | 3 },
  about: Pick<ImageFileHeader, "dataset" | "contentHash"> = {},
): Promise<ImageFileHeader> {
  assertLittleEndian();
  const imageFloats = shape.imageSize * shape.imageSize * shape.channels;
  const header: ImageFileHeader = {
    format: IMAGE_FILE_FORMAT,
    version: IMAGE_FILE_VERSION,
    dtype: "float32",
    layout: "NHWC",
    count: images.length / imageFloats,
    height: shape.imageSize,
    width: shape.imageSize,
    channels: shape.channels,
    ...about,
  };
  const payload = new Uint8Array(images.buffer, images.byteOffset, images.byteLength);
  await writeFileAtomic(path, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]));
  return header;
}

/** Reads an image file, checking its header, its length and that every pixel is a number in [-1, 1]. */
export async function readImageFile(path: string): Promise<ImageFile> {
  assertLittleEndian();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UserError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  const newline = bytes.indexOf(0x0a);
  const header = parseHeader(path, newline < 0 ? "" : bytes.subarray(0, newline).toString("utf8"));
  const floats = header.count * header.height * header.width * header.channels;
  const payload = bytes.subarray(newline + 1);
  if (payload.length !== floats * 4) {
    throw new UserError(
      `${path}: its header promises ${header.count} images (${floats * 4} bytes), but ${payload.length} bytes follow it.`,
    );
  }
  // Copied: the payload starts wherever the header ends, not necessarily on a 4-byte boundary.
  const images = new Float32Array(floats);
  new Uint8Array(images.buffer).set(payload);
  const outside = images.findIndex((value) => !(value >= -1 && value <= 1));
  if (outside >= 0) {
    throw new UserError(`${path}: pixel ${outside} is ${images[outside]}; pixels must be numbers from -1 to 1.`);
  }
  return { header, images };
}

function parseHeader(path: string, line: string): ImageFileHeader {
  let header: Partial<ImageFileHeader>;
  try {
    header = JSON.parse(line) as Partial<ImageFileHeader>;
  } catch {
    header = {};
  }
  const whole = (value: unknown) => Number.isInteger(value) && (value as number) > 0;
  const valid =
    header.format === IMAGE_FILE_FORMAT &&
    header.version === IMAGE_FILE_VERSION &&
    header.dtype === "float32" &&
    header.layout === "NHWC" &&
    whole(header.count) &&
    whole(header.height) &&
    header.width === header.height &&
    (header.channels === 1 || header.channels === 3);
  if (!valid) {
    throw new UserError(
      `${path} is not a Ganvas image file: it must start with a JSON line such as ` +
        `{"format":"${IMAGE_FILE_FORMAT}","version":${IMAGE_FILE_VERSION},"dtype":"float32","layout":"NHWC","count":1005,"height":32,"width":32,"channels":1}.`,
    );
  }
  return header as ImageFileHeader;
}
