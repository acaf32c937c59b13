// The one Registry instance the server uses; every registry read in the viewer goes through it.
import { Registry, RegistryError, defaultRegistryRoot } from "@ganvas/registry";
import type { VersionRecord } from "@ganvas/registry";

let registry: Registry | undefined;

/** The registry named by GANVAS_REGISTRY, else the trainer's default folder. */
export function getRegistry(): Registry {
  registry ??= new Registry(defaultRegistryRoot());
  return registry;
}

export function registryRoot(): string {
  return getRegistry().root;
}

/** A registry ref for a URL's version segment: digits are a version number, anything else an alias. */
export function versionRef(name: string, version: string): string {
  return `${name}@${version}`;
}

export function isNumberedVersion(version: string): boolean {
  return /^[1-9][0-9]*$/.test(version);
}

export type VersionLookup =
  | { status: "found"; record: VersionRecord }
  | { status: "missing" }
  | { status: "damaged"; message: string };

/** The version a page URL names: missing when there is no such model, version or alias. */
export async function lookUpVersion(name: string, version: string): Promise<VersionLookup> {
  try {
    return { status: "found", record: await getRegistry().resolve(versionRef(name, version)) };
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    if (error.code === "NOT_FOUND" || error.code === "INVALID") return { status: "missing" };
    return { status: "damaged", message: error.message };
  }
}

/** The model's versions for navigation, or null when one of them is damaged (the registry then lists none). */
export async function siblingVersions(name: string): Promise<VersionRecord[] | null> {
  try {
    return await getRegistry().listVersions(name);
  } catch (error) {
    if (error instanceof RegistryError) return null;
    throw error;
  }
}
