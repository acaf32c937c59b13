import { createRng, fillNormal } from "./rng";

/**
 * `count` latent vectors of length `zDim`, standard normal, row after row. Pure JS, so the viewer in a browser
 * and the trainer in Node draw the same vectors for the same seed.
 */
export function sampleLatent(seed: number, count: number, zDim: number): Float32Array {
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(zDim) || zDim < 1) {
    throw new RangeError(`sampleLatent needs an integer count >= 0 and zDim >= 1, got count ${count}, zDim ${zDim}.`);
  }
  return fillNormal(createRng(seed), count * zDim);
}
