/**
 * Seeded random numbers in plain JavaScript (no tf.random), so the same seed gives the same numbers in Node
 * and in the browser, and the whole state is a small JSON value that a checkpoint can store.
 * Uniforms come from xoshiro128** (seeded through splitmix32); normals from the Box–Muller transform.
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

/** splitmix32: spreads the seed's bits so that nearby seeds start far apart. */
function splitmixWords(seedLow: number, seedHigh: number): [number, number, number, number] {
  let counter = (seedLow ^ Math.imul(seedHigh, 0x85ebca6b)) | 0;
  const nextWord = (): number => {
    counter = (counter + 0x9e3779b9) | 0;
    let mixed = counter ^ (counter >>> 16);
    mixed = Math.imul(mixed, 0x21f0aaad);
    mixed ^= mixed >>> 15;
    mixed = Math.imul(mixed, 0x735a2d97);
    return (mixed ^ (mixed >>> 15)) >>> 0;
  };
  return [nextWord(), nextWord(), nextWord(), nextWord()];
}

class Xoshiro128 implements Rng {
  private words: [number, number, number, number];
  private spareNormal: number | null;

  constructor(state: RngState) {
    this.words = [...state.words];
    this.spareNormal = state.spareNormal;
  }

  private nextWord(): number {
    const [s0, s1, s2, s3] = this.words;
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const shifted = s1 << 9;
    const t2 = s2 ^ s0;
    const t3 = s3 ^ s1;
    this.words = [(s0 ^ t3) >>> 0, (s1 ^ t2) >>> 0, (t2 ^ shifted) >>> 0, rotateLeft(t3, 11) >>> 0];
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
    return { algorithm: "xoshiro128**", words: [...this.words], spareNormal: this.spareNormal };
  }
}

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`RNG seed must be a safe integer, got ${String(seed)}.`);
  }
  const seedLow = seed >>> 0;
  const seedHigh = Math.floor(seed / TWO_POW_32) >>> 0;
  const words = splitmixWords(seedLow, seedHigh);
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
