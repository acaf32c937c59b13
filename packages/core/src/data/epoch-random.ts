// A tiny deterministic PRNG (sfc32) seeded through splitmix32, so that an epoch's shuffle depends only on
// (seed, epoch) and is identical on every machine and JS runtime: Node and the browser train on the same batches.

/** Scrambles a 32-bit integer; used to derive independent seeds from small, similar inputs. */
function splitmix32(state: number): [next: number, output: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/** Returns a generator of floats in [0, 1) fully determined by the given integer keys. */
export function seededRandom(...keys: number[]): () => number {
  let state = 0x2545f491;
  for (const key of keys) {
    // Fold in the low and high 32 bits separately so that seeds above 2^32 still matter.
    const [s1] = splitmix32(state ^ (key | 0));
    const [s2] = splitmix32(s1 ^ Math.floor(key / 0x1_0000_0000));
    state = s2;
  }
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [nextState, out] = splitmix32(state);
    state = nextState;
    words.push(out);
  }
  let [a, b, c, d] = words as [number, number, number, number];
  return () => {
    // sfc32: small, fast, passes PractRand for the stream lengths used here.
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 0x1_0000_0000;
  };
}
