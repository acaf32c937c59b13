type Vector = ArrayLike<number>;

/** Below this sin(angle), two directions count as parallel (or opposite) and slerp falls back to lerp. */
const PARALLEL_EPSILON = 1e-6;

function checkSameLength(a: Vector, b: Vector): void {
  if (a.length !== b.length) throw new RangeError(`Cannot interpolate vectors of lengths ${a.length} and ${b.length}.`);
}

function combine(a: Vector, b: Vector, weightA: number, weightB: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = weightA * a[i]! + weightB * b[i]!;
  return out;
}

/** Straight line: (1 - t) a + t b. */
export function lerp(a: Vector, b: Vector, t: number): Float32Array {
  checkSameLength(a, b);
  return combine(a, b, 1 - t, t);
}

/**
 * Spherical interpolation along the great circle from a to b. Gaussian latents concentrate near a sphere, and
 * a straight line between two of them passes through low-norm points the generator rarely saw; slerp keeps
 * the norm (for equal-norm endpoints). Nearly parallel or opposite vectors (no unique circle) and zero
 * vectors fall back to lerp.
 */
export function slerp(a: Vector, b: Vector, t: number): Float32Array {
  checkSameLength(a, b);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  const cosine = dot / Math.sqrt(normA * normB);
  const angle = Math.acos(Math.min(1, Math.max(-1, cosine)));
  const sine = Math.sin(angle);
  if (!Number.isFinite(cosine) || sine < PARALLEL_EPSILON) return combine(a, b, 1 - t, t);
  return combine(a, b, Math.sin((1 - t) * angle) / sine, Math.sin(t * angle) / sine);
}

/** `frames` points from a to b inclusive (evenly spaced in t); the first is exactly a and the last exactly b. */
export function interpolationPath(a: Vector, b: Vector, frames: number, mode: "slerp" | "lerp"): Float32Array[] {
  if (!Number.isInteger(frames) || frames < 2) {
    throw new RangeError(
      `An interpolation path needs an integer number of frames >= 2 (both ends included), got ${frames}.`,
    );
  }
  const interpolate = mode === "slerp" ? slerp : lerp;
  const path: Float32Array[] = [Float32Array.from(a)];
  for (let i = 1; i < frames - 1; i++) path.push(interpolate(a, b, i / (frames - 1)));
  path.push(Float32Array.from(b));
  return path;
}
