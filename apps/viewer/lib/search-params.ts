export type SearchParams = Record<string, string | string[] | undefined>;

/** A query parameter's first value (`?seed=1&seed=2` reads as "1"), or null when absent. */
export function firstParam(params: SearchParams, key: string): string | null {
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
