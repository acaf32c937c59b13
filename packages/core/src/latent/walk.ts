import { sampleLatent } from "./sample";

/** Sine/cosine pairs of the loop: more wander further from a plain circle in latent space. */
const HARMONICS = 3;

/**
 * A smooth closed path through latent space, seeded: z(t) = sum over k = 1..H of (a_k cos 2πkt + b_k sin 2πkt)
 * / sqrt(H) with a_k, b_k standard normal. At every t it is itself standard normal (the weights' squares sum
 * to 1), so every point is as typical a latent as a sampled one; it is infinitely smooth, and t and t + 1 give
 * the same point, so a walk loops without a seam. Returns the point for any t (one loop per unit of t).
 */
export function loopingWalk(seed: number, zDim: number): (t: number) => Float32Array {
  const basis = sampleLatent(seed, 2 * HARMONICS, zDim);
  const scale = 1 / Math.sqrt(HARMONICS);
  return (t: number) => {
    const z = new Float32Array(zDim);
    for (let k = 1; k <= HARMONICS; k++) {
      const angle = 2 * Math.PI * k * t;
      const cos = Math.cos(angle) * scale;
      const sin = Math.sin(angle) * scale;
      const a = (2 * k - 2) * zDim;
      const b = (2 * k - 1) * zDim;
      for (let i = 0; i < zDim; i++) z[i]! += cos * basis[a + i]! + sin * basis[b + i]!;
    }
    return z;
  };
}
