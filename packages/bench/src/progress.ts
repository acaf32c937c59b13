/** One progress line on stderr, so stdout holds only the final table (pipe-friendly). */
export function progress(label: string, message: string): void {
  process.stderr.write(`  [${label}] ${message}\n`);
}

export function formatMs(ms: number): string {
  return `${Math.round(ms).toLocaleString("en-US")} ms`;
}
