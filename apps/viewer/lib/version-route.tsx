// The pages under /models/[name]/[version]: their props, how they name the version, and how they find it.
import { notFound } from "next/navigation";
import type { ReactElement } from "react";
import { isVersionText } from "@ganvas/registry";
import type { VersionRecord } from "@ganvas/registry";
import { DamagedVersion } from "@/components/DamagedVersion";
import { lookUpVersion } from "@/lib/registry-server";
import type { SearchParams } from "@/lib/search-params";

export type VersionRouteProps = {
  params: Promise<{ name: string; version: string }>;
  searchParams: Promise<SearchParams>;
};

/** "e2e-digits v2", or with an alias in the URL "e2e-digits latest". */
export function versionTitle(name: string, version: string): string {
  return `${name} ${isVersionText(version) ? `v${version}` : version}`;
}

/** The version the URL names; a missing one is a 404, a damaged one the page that says what is wrong. */
export async function routeVersion(
  name: string,
  version: string,
): Promise<{ record: VersionRecord } | { page: ReactElement }> {
  const lookup = await lookUpVersion(name, version);
  if (lookup.status === "missing") notFound();
  if (lookup.status === "damaged")
    return { page: <DamagedVersion name={name} version={version} message={lookup.message} /> };
  return { record: lookup.record };
}
