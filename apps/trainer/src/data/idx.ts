// IDX is the MNIST file format: a big-endian header (magic number, then one uint32 per dimension)
// followed by the unsigned bytes. The magic number encodes the element type (0x08 = ubyte) and rank.
import { gunzipSync } from "node:zlib";
import { DatasetError } from "./errors";

export const IDX_IMAGES_MAGIC = 2051; // 0x00000803: ubyte, 3 dimensions
export const IDX_LABELS_MAGIC = 2049; // 0x00000801: ubyte, 1 dimension

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count * rows * cols bytes, row-major, 0 = background. */
  pixels: Uint8Array;
}

/** Where a file came from, so that errors can name it and say how to recover. */
export interface IdxSource {
  path: string;
  /** What the user should do when the file is bad, e.g. "delete it and re-run". */
  advice: string;
}

function corrupt(source: IdxSource, problem: string, cause?: unknown): DatasetError {
  return new DatasetError("CORRUPT_FILE", `${source.path}: ${problem}. ${source.advice}`, { cause });
}

export function gunzip(bytes: Uint8Array, source: IdxSource): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw corrupt(source, `not a valid gzip file (${reason})`, error);
  }
}

function readHeader(data: Uint8Array, source: IdxSource, magic: number, rank: number): number[] {
  const headerBytes = 4 * (rank + 1);
  if (data.byteLength < headerBytes)
    throw corrupt(source, `truncated: ${data.byteLength} bytes, shorter than the ${headerBytes}-byte IDX header`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const found = view.getUint32(0);
  if (found !== magic) throw corrupt(source, `wrong IDX magic number ${found} (expected ${magic})`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 * (i + 1)));
  const expectedLength = headerBytes + dims.reduce((a, b) => a * b, 1);
  if (data.byteLength < expectedLength) {
    throw corrupt(
      source,
      `truncated: ${data.byteLength} bytes where the header [${dims.join(", ")}] needs ${expectedLength}`,
    );
  }
  if (data.byteLength > expectedLength) {
    throw corrupt(
      source,
      `${data.byteLength - expectedLength} unexpected bytes after the data described by the header [${dims.join(", ")}]`,
    );
  }
  return dims;
}

/** Parses an uncompressed IDX image file; rows and cols must match `expectedSize`. */
export function parseIdxImages(data: Uint8Array, source: IdxSource, expectedSize: number): IdxImages {
  const [count, rows, cols] = readHeader(data, source, IDX_IMAGES_MAGIC, 3) as [number, number, number];
  if (rows !== expectedSize || cols !== expectedSize) {
    throw corrupt(source, `images are ${rows}x${cols}, expected ${expectedSize}x${expectedSize}`);
  }
  if (count === 0) throw corrupt(source, "holds no images");
  return { count, rows, cols, pixels: data.subarray(16) };
}

/** Parses an uncompressed IDX label file. */
export function parseIdxLabels(data: Uint8Array, source: IdxSource): Uint8Array {
  const [count] = readHeader(data, source, IDX_LABELS_MAGIC, 1) as [number];
  if (count === 0) throw corrupt(source, "holds no labels");
  return data.subarray(8);
}
