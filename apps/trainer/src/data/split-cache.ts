// A converted data set split kept as one uint8 file, so that later runs read it in a fraction of a second
// instead of parsing the package's JSON again. Layout (little-endian):
//   "GVSPLIT1" | train count u32 | held-out count u32 | bytes per image u32 | SHA-256 of the payload (32 bytes)
//   payload: train labels | held-out labels | train pixels | held-out pixels
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "@ganvas/registry";
import { sha256Hex } from "./content-hash";
import type { ContentSplit, LabelledPixels } from "./content-split";

const MAGIC = "GVSPLIT1";
const HEADER_BYTES = MAGIC.length + 3 * 4 + 32;

export async function writeSplitCache(path: string, split: ContentSplit, imageBytes: number): Promise<void> {
  const { train, heldOut } = split;
  const payload = Buffer.concat([train.labels, heldOut.labels, train.pixels, heldOut.pixels]);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt32LE(train.count, 8);
  header.writeUInt32LE(heldOut.count, 12);
  header.writeUInt32LE(imageBytes, 16);
  Buffer.from(sha256Hex(payload), "hex").copy(header, 20);
  await writeFileAtomic(path, Buffer.concat([header, payload]));
}

export type CachedSplit =
  { status: "ok"; split: ContentSplit } | { status: "missing" } | { status: "damaged"; problem: string };

/** The split stored at `path`, checked whole against its header and hash. */
export async function readSplitCache(path: string, imageBytes: number): Promise<CachedSplit> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { status: "missing" };
    return { status: "damaged", problem: `cannot be read (${(error as Error).message})` };
  }
  if (bytes.length < HEADER_BYTES || bytes.toString("latin1", 0, MAGIC.length) !== MAGIC) {
    return { status: "damaged", problem: "is not a split cache file" };
  }
  const trainCount = bytes.readUInt32LE(8);
  const heldCount = bytes.readUInt32LE(12);
  if (bytes.readUInt32LE(16) !== imageBytes) return { status: "damaged", problem: "holds images of another size" };
  const expected = HEADER_BYTES + (trainCount + heldCount) * (1 + imageBytes);
  if (bytes.length !== expected)
    return { status: "damaged", problem: `has ${bytes.length} bytes, expected ${expected}` };
  const payload = bytes.subarray(HEADER_BYTES);
  if (sha256Hex(payload) !== bytes.toString("hex", 20, 52)) {
    return { status: "damaged", problem: "does not match its SHA-256" };
  }
  let offset = 0;
  // Views into the one buffer read: no copies of the pixels.
  const take = (length: number) => {
    const view = new Uint8Array(payload.buffer, payload.byteOffset + offset, length);
    offset += length;
    return view;
  };
  const trainLabels = take(trainCount);
  const heldLabels = take(heldCount);
  const train: LabelledPixels = { count: trainCount, labels: trainLabels, pixels: take(trainCount * imageBytes) };
  const heldOut: LabelledPixels = { count: heldCount, labels: heldLabels, pixels: take(heldCount * imageBytes) };
  return { status: "ok", split: { train, heldOut } };
}
