/** Middle value of the samples (mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError("median of no samples: measure at least one step.");
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** The summary every timing row carries: median plus spread, so a noisy run is visible as such. */
export function summarize(samplesMs: readonly number[]): {
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
} {
  return {
    medianMs: median(samplesMs),
    minMs: Math.min(...samplesMs),
    maxMs: Math.max(...samplesMs),
    samplesMs: [...samplesMs],
  };
}
