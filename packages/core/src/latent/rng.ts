/**
 * Seeded random numbers in plain JavaScript (no tf.random), so the same seed gives the same numbers in Node
 * and in the browser, and the whole state is a small JSON value that a checkpoint can store.
 * Uniforms come from xoshiro128**; normals from the Box–Muller transform.
 */
export type RngState = {
  algorithm: "xoshiro128**";
  words: [number, number, number, number];
  /** Box–Muller yields normals in pairs; the unused one waits here. */
  spareNormal: number | null;
};

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** A copy of the current state; `restoreRng(state)` continues the same sequence. */
  state(): RngState;
}

const TWO_POW_32 = 0x1_0000_0000;

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** murmur3's 32-bit finaliser: a bijection in which every input bit flips about half the output bits. */
function mix32(value: number): number {
  let mixed = value ^ (value >>> 16);
  mixed = Math.imul(mixed, 0x21f0aaad);
  mixed ^= mixed >>> 15;
  mixed = Math.imul(mixed, 0x735a2d97);
  return (mixed ^ (mixed >>> 15)) >>> 0;
}

/** The generator's four words from a seed's two 32-bit halves, so that nearby seeds start far apart. */
function seedWords(seedLow: number, seedHigh: number): [number, number, number, number] {
  const word = (index: number) => mix32(mix32((seedLow + Math.imul(index + 1, 0x9e3779b9)) | 0) ^ seedHigh);
  return [word(0), word(1), word(2), word(3)];
}

class Xoshiro128 implements Rng {
  // Four fields rather than an array: this runs for every weight of a model at initialisation.
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null;

  constructor(state: RngState) {
    [this.s0, this.s1, this.s2, this.s3] = state.words;
    this.spareNormal = state.spareNormal;
  }

  private nextWord(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const shifted = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= shifted;
    this.s3 = rotateLeft(this.s3, 11);
    return result;
  }

  next(): number {
    return this.nextWord() / TWO_POW_32;
  }

  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const u1 = 1 - this.next(); // in (0, 1]: log(0) would be -Infinity
    const u2 = this.next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  state(): RngState {
    const words: [number, number, number, number] = [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
    return { algorithm: "xoshiro128**", words, spareNormal: this.spareNormal };
  }
}

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`RNG seed must be a safe integer, got ${String(seed)}.`);
  }
  const seedLow = seed >>> 0;
  const seedHigh = Math.floor(seed / TWO_POW_32) >>> 0;
  const words = seedWords(seedLow, seedHigh);
  // xoshiro must never start from all zeros (it would stay there).
  if (words.every((word) => word === 0)) words[0] = 1;
  return new Xoshiro128({ algorithm: "xoshiro128**", words, spareNormal: null });
}

export function restoreRng(state: RngState): Rng {
  const valid =
    state?.algorithm === "xoshiro128**" &&
    Array.isArray(state.words) &&
    state.words.length === 4 &&
    state.words.every((word) => Number.isInteger(word) && word >= 0 && word < TWO_POW_32) &&
    state.words.some((word) => word !== 0) &&
    (state.spareNormal === null || Number.isFinite(state.spareNormal));
  if (!valid) {
    throw new TypeError(
      `Not an RNG state saved by createRng().state(): ${JSON.stringify(state)}. Restore from the value that state() returned.`,
    );
  }
  return new Xoshiro128(state);
}

/** Fills an array with normals scaled by `stddev` and shifted by `mean`. */
export function fillNormal(rng: Rng, length: number, mean = 0, stddev = 1): Float32Array {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = mean + stddev * rng.normal();
  return values;
}

/** A permutation of 0..count-1 by Fisher–Yates, one `random()` draw (uniform in [0, 1)) per position from the end. */
export function shuffledIndices(count: number, random: () => number): Uint32Array {
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
