import { sampleLatent } from "./sample";

/** A class as a conditional generator takes it: one-hot, or a blend of two one-hots along an interpolation. */
export type ClassCode = Float32Array;

function checkClass(numClasses: number, value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value >= numClasses) {
    throw new RangeError(`${name} must be an integer from 0 to ${numClasses - 1}, got ${value}.`);
  }
}

/**
 * The class input of a conditional generator: one-hot for `from`, or with `to` and t in [0, 1] the blend
 * (1 - t) from + t to (G's first layer is linear in it, so this walks from one class embedding to the other).
 */
export function classCode(numClasses: number, from: number, to = from, t = 0): ClassCode {
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new RangeError(`numClasses must be an integer >= 2, got ${numClasses}.`);
  }
  checkClass(numClasses, from, "The class");
  checkClass(numClasses, to, "The class to blend towards");
  if (!(t >= 0 && t <= 1)) throw new RangeError(`The blend t must be from 0 to 1, got ${t}.`);
  const code = new Float32Array(numClasses);
  code[from] = 1 - t;
  code[to]! += t;
  return code;
}

/**
 * A conditional generator's input rows: latent row i (of `zDim` values) followed by codes[i], or by `codes`
 * itself on every row when it is one code.
 */
export function conditionalLatents(
  latents: Float32Array,
  zDim: number,
  codes: ClassCode | readonly ClassCode[],
): Float32Array {
  const count = latents.length / zDim;
  if (!Number.isInteger(count)) throw new RangeError(`${latents.length} latent values are not rows of ${zDim}.`);
  const perRow = Array.isArray(codes) ? (codes as readonly ClassCode[]) : null;
  if (perRow !== null && perRow.length !== count) {
    throw new RangeError(`${count} latent rows need as many class codes, got ${perRow.length}.`);
  }
  const numClasses = (perRow?.[0] ?? (codes as ClassCode)).length;
  const width = zDim + numClasses;
  const rows = new Float32Array(count * width);
  for (let i = 0; i < count; i++) {
    const code = perRow?.[i] ?? (codes as ClassCode);
    if (code.length !== numClasses)
      throw new RangeError(`Class codes differ in length (${code.length}, ${numClasses}).`);
    rows.set(latents.subarray(i * zDim, (i + 1) * zDim), i * width);
    rows.set(code, i * width + zDim);
  }
  return rows;
}

/**
 * The inputs of a class grid: one row per class, `columns` latents from `seed` shared by every row (so a
 * column shows what one z becomes in each class). Row r, column j is sampleLatent(seed, columns)[j] with
 * class r.
 */
export function classGridLatents(seed: number, columns: number, zDim: number, numClasses: number): Float32Array {
  const shared = sampleLatent(seed, columns, zDim);
  const rows: Float32Array[] = [];
  for (let label = 0; label < numClasses; label++)
    rows.push(conditionalLatents(shared, zDim, classCode(numClasses, label)));
  const grid = new Float32Array(numClasses * columns * (zDim + numClasses));
  rows.forEach((row, label) => grid.set(row, label * row.length));
  return grid;
}
