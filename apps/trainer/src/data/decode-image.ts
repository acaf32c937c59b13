// Decodes PNG and JPEG files to RGBA bytes, choosing the decoder by the file's signature rather than
// its extension (a .jpg that is really a PNG still loads).
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { DatasetError } from "./errors";
import { MAX_IMAGE_SIDE } from "./limits";

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes. */
  data: Uint8Array;
}

export const IMAGE_EXTENSIONS = [".png", ".jpg", ".jpeg"] as const;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

const uint16 = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!;

/** A PNG's size from its header: IHDR is the first chunk, width and height at bytes 16 and 20. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A JPEG's size from its first start-of-frame segment (SOF0 to SOF15 but for DHT, JPG and DAC). */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: uint16(bytes, at + 5), width: uint16(bytes, at + 7) };
    }
    at += 2 + uint16(bytes, at + 2);
  }
  return undefined;
}

/** Refuses an image too large to decode from the size its header states, before any pixel is allocated. */
function checkSide(size: { width: number; height: number } | undefined, path: string): void {
  if (!size || (size.width <= MAX_IMAGE_SIDE && size.height <= MAX_IMAGE_SIDE)) return;
  throw new DatasetError(
    "TOO_LARGE",
    `${path} is ${size.width}x${size.height} pixels, more than the limit of ${MAX_IMAGE_SIDE.toLocaleString("en-US")} pixels a side: shrink it or remove it.`,
  );
}

export function decodeImage(bytes: Uint8Array, path: string): RgbaImage {
  const unreadable = (reason: string, cause?: unknown) =>
    new DatasetError("UNREADABLE_IMAGE", `Cannot read image ${path}: ${reason}. Fix or remove the file.`, { cause });
  let image: RgbaImage;
  try {
    if (startsWith(bytes, PNG_SIGNATURE)) {
      checkSide(pngSize(bytes), path);
      image = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } else if (startsWith(bytes, JPEG_SIGNATURE)) {
      checkSide(jpegSize(bytes), path);
      image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    } else {
      throw unreadable("neither a PNG nor a JPEG file");
    }
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw unreadable(error instanceof Error ? error.message : String(error), error);
  }
  if (image.width <= 0 || image.height <= 0 || image.data.length < image.width * image.height * 4) {
    throw unreadable("decoded to an empty or incomplete picture");
  }
  return image;
}

/**
 * RGBA bytes to floats in [-1, 1] with 1 (luma, ITU-R BT.601 weights) or 3 channels. Transparent
 * pixels are composited over black, which is the background (-1) the models are trained against.
 */
export function rgbaToFloat(image: RgbaImage, channels: 1 | 3): Float32Array {
  const pixels = image.width * image.height;
  const out = new Float32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    const alpha = image.data[p * 4 + 3]! / 255;
    const r = (image.data[p * 4]! / 255) * alpha;
    const g = (image.data[p * 4 + 1]! / 255) * alpha;
    const b = (image.data[p * 4 + 2]! / 255) * alpha;
    if (channels === 1) {
      out[p] = (0.299 * r + 0.587 * g + 0.114 * b) * 2 - 1;
    } else {
      out[p * 3] = r * 2 - 1;
      out[p * 3 + 1] = g * 2 - 1;
      out[p * 3 + 2] = b * 2 - 1;
    }
  }
  return out;
}
