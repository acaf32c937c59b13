// Pages keep their state in the query string, so a copied link reopens the same view.

/** Sets (or, for null, deletes) query parameters of the current URL without a navigation or a history entry. */
export function replaceUrlParams(params: Record<string, string | null>): void {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(params)) {
    if (value === null) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  window.history.replaceState(window.history.state, "", url);
}
