/** The element-wise mean of equally long vectors (at least one). */
export function latentMean(vectors: readonly ArrayLike<number>[]): Float32Array {
  const [first] = vectors;
  if (first === undefined) throw new RangeError("A mean needs at least one vector.");
  const mean = new Float32Array(first.length);
  for (const vector of vectors) {
    if (vector.length !== first.length) {
      throw new RangeError(`Cannot average vectors of lengths ${first.length} and ${vector.length}.`);
    }
    for (let i = 0; i < mean.length; i++) mean[i]! += vector[i]! / vectors.length;
  }
  return mean;
}

/**
 * The DCGAN paper's vector arithmetic on latents: mean(A) - mean(B) + mean(C), each group a non-empty list of
 * latents (the paper averaged three per group: single samples were unstable).
 */
export function latentArithmetic(
  a: readonly ArrayLike<number>[],
  b: readonly ArrayLike<number>[],
  c: readonly ArrayLike<number>[],
): Float32Array {
  const [meanA, meanB, meanC] = [a, b, c].map(latentMean) as [Float32Array, Float32Array, Float32Array];
  if (meanA.length !== meanB.length || meanB.length !== meanC.length) {
    throw new RangeError("Groups A, B and C must hold latents of one length.");
  }
  return meanA.map((value, i) => value - meanB[i]! + meanC[i]!);
}
