// The one Registry instance the server uses; every registry read in the viewer goes through it.
import { RegistryError, openRegistry } from "@ganvas/registry";
import type { Registry, VersionRecord } from "@ganvas/registry";

let registry: Promise<Registry> | undefined;

/**
 * The registry GANVAS_REGISTRY names (a folder, or postgres://... with GANVAS_S3), else the trainer's default
 * folder; opened once, so a database's connections are pooled across requests.
 */
export function getRegistry(): Promise<Registry> {
  registry ??= openRegistry().catch((error: unknown) => {
    // A setting fixed later (GANVAS_S3 unset, say) is tried again on the next request.
    registry = undefined;
    throw error;
  });
  return registry;
}

/** Where the registry is, for people: its folder, or its database and bucket. */
export async function registryLocation(): Promise<string> {
  return (await getRegistry()).location;
}

/** A registry ref for a URL's version segment: digits are a version number, anything else an alias. */
export function versionRef(name: string, version: string): string {
  return `${name}@${version}`;
}

export type VersionLookup =
  { status: "found"; record: VersionRecord } | { status: "missing" } | { status: "damaged"; message: string };

/**
 * The version a page URL names: missing when there is no such model, version or alias; damaged when its files
 * do not match its manifest (every file's sha256 is checked, so altered weights never reach the browser) or
 * when an alias points at a version that is gone.
 */
export async function lookUpVersion(name: string, version: string): Promise<VersionLookup> {
  try {
    const registry = await getRegistry();
    const { version: number } = await registry.resolve(versionRef(name, version));
    return { status: "found", record: await registry.verifyVersion(name, number) };
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    if (error.damage === undefined && (error.code === "NOT_FOUND" || error.code === "INVALID"))
      return { status: "missing" };
    return { status: "damaged", message: error.message };
  }
}

/** The model's intact versions for navigation (damaged ones are left out); null when they cannot be listed. */
export async function siblingVersions(name: string): Promise<VersionRecord[] | null> {
  try {
    return (await (await getRegistry()).listModel(name)).versions;
  } catch (error) {
    if (error instanceof RegistryError) return null;
    throw error;
  }
}
