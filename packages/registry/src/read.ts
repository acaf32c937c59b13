import { type Aliases, aliasesOf, describeAliases } from "./aliases";
import { aliasCommand } from "./damage";
import { RegistryError, isRegistryError } from "./errors";
import type { Manifest } from "./manifest";
import type { ParsedRef } from "./names";
import type { RegistryStore, VersionLocation } from "./store";

export type VersionRecord = {
  name: string;
  version: number;
  manifest: Manifest;
  /** Where the version is stored, for people: its folder (file-system store) or its place in the database. */
  dir: string;
  /** Aliases pointing at this version, sorted. */
  aliases: string[];
};

export function versionOwner(store: RegistryStore, name: string, version: number): VersionLocation {
  return { name, version, dir: store.versionDir(name, version) };
}

/** The versions of a model, or NOT_FOUND naming the models that do exist. */
export async function requireVersions(store: RegistryStore, name: string): Promise<number[]> {
  const versions = await store.listVersionNumbers(name);
  if (versions.length > 0) return versions;
  const models = await store.listModelNames();
  const known = models.length > 0 ? `Models: ${models.join(", ")}.` : "The registry is empty: publish a model first.";
  throw new RegistryError("NOT_FOUND", `No model named "${name}" in the registry at ${store.location}. ${known}`);
}

function describeVersions(versions: number[]): string {
  return versions.length > 0 ? `Versions: ${versions.join(", ")}.` : "It has no versions.";
}

function noSuchVersion(name: string, version: number, versions: number[]): RegistryError {
  return new RegistryError("NOT_FOUND", `Model "${name}" has no version ${version}. ${describeVersions(versions)}`);
}

/** The validated manifest of a version, without checking its files (readFile checks only the one it reads). */
export async function readManifest(store: RegistryStore, owner: VersionLocation): Promise<Manifest> {
  try {
    return await store.readManifest(owner);
  } catch (error) {
    if (!isRegistryError(error, "NOT_FOUND") || error.damage !== undefined) throw error;
    throw noSuchVersion(owner.name, owner.version, await requireVersions(store, owner.name));
  }
}

/** Throws the damage of the first listed file that is missing or has the wrong size. */
export async function checkVersionFiles(store: RegistryStore, owner: VersionLocation, manifest: Manifest) {
  const damage = await store.checkFiles(manifest.files.map((file) => ({ owner, file })));
  const first = damage.find((error) => error !== undefined);
  if (first !== undefined) throw first;
}

/** A version as stored: manifest validated, every listed file present with the right size. */
export async function readVersion(
  store: RegistryStore,
  name: string,
  version: number,
  aliases?: Aliases,
): Promise<VersionRecord> {
  const owner = versionOwner(store, name, version);
  const manifest = await readManifest(store, owner);
  await checkVersionFiles(store, owner, manifest);
  const knownAliases = aliases ?? (await store.inspectAliases(name)).aliases;
  return { ...owner, manifest, aliases: aliasesOf(knownAliases, version) };
}

/** An alias that points at a version that is gone: what happened and the command that re-points it. */
export function danglingAlias(
  store: RegistryStore,
  name: string,
  alias: string,
  pointed: number,
  versions: number[],
): RegistryError {
  const problem = `alias ${alias} points at version ${pointed}, which does not exist`;
  const newest = versions.at(-1);
  const remedy =
    newest === undefined
      ? "Publish a version first."
      : `Re-point it, for example at the newest version: ${aliasCommand(name, newest, alias)}`;
  return new RegistryError(
    "NOT_FOUND",
    `The alias "${alias}" of "${name}" points at version ${pointed}, which does not exist. ${describeVersions(versions)} ${remedy}`,
    { damage: { file: store.aliasesLocation(name), problem } },
  );
}

/**
 * Turns a parsed ref into a version number; `latest` falls back to the highest version if unset. An alias
 * that points at a version which no longer exists is NOT_FOUND with the command that re-points it.
 */
export async function resolveVersionNumber(store: RegistryStore, ref: ParsedRef, aliases: Aliases): Promise<number> {
  const versions = await requireVersions(store, ref.name);
  if (ref.target.kind === "version") {
    if (!versions.includes(ref.target.version)) throw noSuchVersion(ref.name, ref.target.version, versions);
    return ref.target.version;
  }
  const { alias } = ref.target;
  const pointed = aliases[alias];
  if (pointed !== undefined) {
    if (versions.includes(pointed)) return pointed;
    throw danglingAlias(store, ref.name, alias, pointed, versions);
  }
  if (alias === "latest") return versions[versions.length - 1] as number;
  throw new RegistryError(
    "NOT_FOUND",
    `Model "${ref.name}" has no alias "${alias}". Aliases: ${describeAliases(aliases)}; ${describeVersions(versions)}`,
  );
}
