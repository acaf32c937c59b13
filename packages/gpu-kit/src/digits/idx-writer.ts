// Writes the IDX format that MNIST ships in (and that the trainer's data/idx.ts reads): a big-endian header of
// a magic number (0x0000 08 <rank>: unsigned bytes, <rank> dimensions) and one uint32 per dimension, then the bytes.
const UBYTE = 0x08;

function encodeIdx(dimensions: number[], bytes: Uint8Array): Uint8Array {
  const expected = dimensions.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected)
    throw new RangeError(`IDX data holds ${bytes.length} bytes where [${dimensions.join(", ")}] needs ${expected}.`);
  const headerBytes = 4 * (dimensions.length + 1);
  const out = new Uint8Array(headerBytes + bytes.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, (UBYTE << 8) | dimensions.length);
  dimensions.forEach((size, i) => view.setUint32(4 * (i + 1), size));
  out.set(bytes, headerBytes);
  return out;
}

/** `count` images of rows x cols unsigned bytes, row-major (magic 2051). */
export function encodeIdxImages(pixels: Uint8Array, count: number, rows: number, cols: number): Uint8Array {
  return encodeIdx([count, rows, cols], pixels);
}

/** One unsigned byte per image (magic 2049). */
export function encodeIdxLabels(labels: Uint8Array): Uint8Array {
  return encodeIdx([labels.length], labels);
}
