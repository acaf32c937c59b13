// Writes the trainer's embedded MNIST training split into public/digits/ for the /train page: one byte per
// pixel plus the table of the 256 pixel values (lib/training/digits-asset.ts reads them back exactly).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EMBEDDED_NAME, loadEmbeddedDigits } from "@ganvas/trainer/src/data/mnist-embedded";
import { DIGIT_SIZE } from "@ganvas/core";
import { DIGITS_BYTES_URL, DIGITS_META_URL, type DigitsMeta } from "../lib/training/digits-asset";

const publicDir = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), "public");
const { train } = await loadEmbeddedDigits();

const levels = [...new Set(train.pixels)].sort((a, b) => a - b);
if (levels.length > 256) {
  throw new Error(`The embedded digits have ${levels.length} distinct pixel values; one byte holds 256.`);
}
const index = new Map(levels.map((level, i) => [level, i]));
const bytes = Uint8Array.from(train.pixels, (value) => index.get(value)!);
const meta: DigitsMeta = { name: EMBEDDED_NAME, count: train.count, size: DIGIT_SIZE, levels, bytes: bytes.length };

await mkdir(path.join(publicDir, "digits"), { recursive: true });
await writeFile(path.join(publicDir, DIGITS_BYTES_URL), bytes);
await writeFile(path.join(publicDir, DIGITS_META_URL), JSON.stringify(meta));
console.log(`digits-asset: ${train.count} digits, ${levels.length} pixel values -> public${DIGITS_BYTES_URL}`);
