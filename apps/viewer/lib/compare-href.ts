import type { VersionRecord } from "@ganvas/registry";
import { formatVersionRef } from "@/lib/compare-pair";

/**
 * /compare for a version: beside the version before it (the question "did the newer one get better?"), or
 * beside itself when it is the first, on the seed the page shows.
 */
export function compareHref(name: string, version: number, siblings: VersionRecord[] | null, seed: number): string {
  const earlier = (siblings ?? []).filter((record) => record.version < version).map((record) => record.version);
  const other = earlier.length > 0 ? Math.max(...earlier) : version;
  const params = new URLSearchParams({
    a: formatVersionRef(name, other),
    b: formatVersionRef(name, version),
    seed: String(seed),
  });
  return `/compare?${params}`;
}
