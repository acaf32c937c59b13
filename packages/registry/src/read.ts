import { readFile, readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { type Aliases, aliasesOf, describeAliases, inspectAliases } from "./aliases";
import { type VersionLocation, aliasCommand, listedFile, versionDamage } from "./damage";
import { RegistryError, errnoCode, isRegistryError } from "./errors";
import { type Manifest, type ManifestFile, parseManifest } from "./manifest";
import { type ParsedRef, isModelName, parseVersionFolder } from "./names";
import { MANIFEST_FILE, isInsideRoot, layout } from "./paths";

export type VersionRecord = {
  name: string;
  version: number;
  manifest: Manifest;
  /** Absolute path of the version folder. */
  dir: string;
  /** Aliases pointing at this version, sorted. */
  aliases: string[];
};

async function readFolder(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    // A stray file where a folder should be holds no models or versions either.
    if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return [];
    throw error;
  }
}

export async function listVersionNumbers(root: string, name: string): Promise<number[]> {
  const folders = await readFolder(layout.versions(root, name));
  return folders
    .map(parseVersionFolder)
    .filter((version) => version !== undefined)
    .sort((a, b) => a - b);
}

/** Models with at least one published version (a crashed first publish leaves only a staging folder). */
export async function listModelNames(root: string): Promise<string[]> {
  const names = (await readFolder(layout.models(root))).filter(isModelName).sort();
  const published = await Promise.all(names.map(async (name) => (await listVersionNumbers(root, name)).length > 0));
  return names.filter((_, index) => published[index]);
}

/** The versions of a model, or NOT_FOUND naming the models that do exist. */
export async function requireVersions(root: string, name: string): Promise<number[]> {
  const versions = await listVersionNumbers(root, name);
  if (versions.length > 0) return versions;
  const models = await listModelNames(root);
  const known = models.length > 0 ? `Models: ${models.join(", ")}.` : "The registry is empty: publish a model first.";
  throw new RegistryError("NOT_FOUND", `No model named "${name}" in the registry at ${root}. ${known}`);
}

function describeVersions(versions: number[]): string {
  return versions.length > 0 ? `Versions: ${versions.join(", ")}.` : "It has no versions.";
}

/** The validated manifest of a version, without checking its files (resolveFile checks only the one it serves). */
export async function readManifest(
  root: string,
  name: string,
  version: number,
): Promise<{ manifest: Manifest; dir: string }> {
  const dir = layout.version(root, name, version);
  const path = join(dir, MANIFEST_FILE);
  const owner = { name, version, dir };
  const manifestFile = { subject: `Manifest ${path}`, path };
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errnoCode(error) !== "ENOENT") throw error;
    const versions = await requireVersions(root, name);
    if (!versions.includes(version)) {
      throw new RegistryError("NOT_FOUND", `Model "${name}" has no version ${version}. ${describeVersions(versions)}`);
    }
    throw versionDamage(owner, manifestFile, "is missing");
  }
  let manifest: Manifest;
  try {
    manifest = parseManifest(text, path);
  } catch (error) {
    if (isRegistryError(error) && error.damage !== undefined)
      throw versionDamage(owner, manifestFile, error.damage.problem);
    throw error;
  }
  if (manifest.name !== name || manifest.version !== version) {
    throw versionDamage(
      owner,
      manifestFile,
      `describes ${manifest.name}@${manifest.version} but sits in the folder of ${name}@${version}`,
    );
  }
  return { manifest, dir };
}

/**
 * Checks that a listed file is a regular file inside the registry with the size the manifest records,
 * and returns its real path. Sizes catch missing or truncated files cheaply; hashes are checked when a
 * file is read (readVersionFile) or on demand (verifyVersion).
 */
export async function checkListedFile(realRoot: string, owner: VersionLocation, file: ManifestFile): Promise<string> {
  const path = join(owner.dir, file.path);
  const listed = listedFile(owner, file.path, path);
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") throw versionDamage(owner, listed, "is missing");
    throw error;
  }
  // Where the link leads stays out of the message: it may be shown to a web client.
  if (!isInsideRoot(realRoot, real))
    throw versionDamage(owner, listed, `is a link that leads outside the registry root ${realRoot}`, "FORBIDDEN");
  const info = await stat(real);
  if (!info.isFile()) throw versionDamage(owner, listed, "is not a regular file");
  if (info.size !== file.bytes)
    throw versionDamage(owner, listed, `has ${info.size} bytes but the manifest records ${file.bytes}`);
  return real;
}

/** A version as stored: manifest validated, every listed file present with the right size. */
export async function readVersion(
  root: string,
  name: string,
  version: number,
  aliases?: Aliases,
): Promise<VersionRecord> {
  const { manifest, dir } = await readManifest(root, name, version);
  const realRoot = await realpath(root);
  await Promise.all(manifest.files.map((file) => checkListedFile(realRoot, { name, version, dir }, file)));
  const knownAliases = aliases ?? (await inspectAliases(root, name)).aliases;
  return { name, version, manifest, dir, aliases: aliasesOf(knownAliases, version) };
}

/** An alias that points at a version whose folder is gone: what happened and the command that re-points it. */
export function danglingAlias(
  root: string,
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
    { damage: { file: layout.aliases(root, name), problem } },
  );
}

/**
 * Turns a parsed ref into a version number; `latest` falls back to the highest version if unset. An alias
 * that points at a version which no longer exists (its folder was deleted) is NOT_FOUND with the command
 * that re-points it.
 */
export async function resolveVersionNumber(root: string, ref: ParsedRef, aliases: Aliases): Promise<number> {
  const versions = await requireVersions(root, ref.name);
  if (ref.target.kind === "version") {
    if (!versions.includes(ref.target.version)) {
      throw new RegistryError(
        "NOT_FOUND",
        `Model "${ref.name}" has no version ${ref.target.version}. ${describeVersions(versions)}`,
      );
    }
    return ref.target.version;
  }
  const { alias } = ref.target;
  const pointed = aliases[alias];
  if (pointed !== undefined) {
    if (versions.includes(pointed)) return pointed;
    throw danglingAlias(root, ref.name, alias, pointed, versions);
  }
  if (alias === "latest") return versions[versions.length - 1] as number;
  throw new RegistryError(
    "NOT_FOUND",
    `Model "${ref.name}" has no alias "${alias}". Aliases: ${describeAliases(aliases)}; ${describeVersions(versions)}`,
  );
}
