// Sample indices in a URL: "0,4,7". Kept sorted and unique, so one selection has one spelling.

/** The indices below `count` that a comma-separated value names (others are dropped). */
export function parseIndexList(value: string | null | undefined, count: number): number[] {
  if (!value) return [];
  const indices = value
    .split(",")
    .filter((part) => /^\d{1,6}$/.test(part.trim()))
    .map(Number)
    .filter((index) => index < count);
  return [...new Set(indices)].sort((x, y) => x - y);
}

/** The URL spelling of a selection; null for none (the parameter is left out). */
export function formatIndexList(indices: readonly number[]): string | null {
  return indices.length === 0 ? null : [...indices].sort((x, y) => x - y).join(",");
}
