import { summarize } from "./median";
import { formatMs, progress } from "./progress";

/**
 * Runs `run` warm-up + measured times, printing each duration, and summarizes the measured ones. Warm-up
 * runs absorb one-time costs (kernel setup, weight uploads, allocator growth) that a long run never pays again.
 */
export async function timeRepeatedly(
  label: string,
  { warmup, repeats }: { warmup: number; repeats: number },
  run: () => unknown,
): Promise<ReturnType<typeof summarize>> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + repeats; i++) {
    const start = performance.now();
    await run();
    const elapsed = performance.now() - start;
    const measured = i >= warmup;
    if (measured) samples.push(elapsed);
    progress(
      label,
      `${measured ? `run ${i - warmup + 1}/${repeats}` : `warm-up ${i + 1}/${warmup}`}: ${formatMs(elapsed)}`,
    );
  }
  return summarize(samples);
}
