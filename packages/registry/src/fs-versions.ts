import { readFile, readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { aliasCommand, listedFile, versionDamage } from "./damage";
import { RegistryError, errnoCode, isRegistryError } from "./errors";
import { type Manifest, type ManifestFile, parseManifest } from "./manifest";
import { isModelName, parseVersionFolder } from "./names";
import { MANIFEST_FILE, isInsideRoot, layout } from "./paths";
import type { VersionLocation } from "./store";

/** How the file-system store reads its folders (paths.ts has the layout). */

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

/** Every folder under models/ with a model's name, published or not (a crashed first publish leaves one). */
export async function readModelFolders(root: string): Promise<string[]> {
  return (await readFolder(layout.models(root))).filter(isModelName).sort();
}

/** Models with at least one published version (a crashed first publish leaves only a staging folder). */
export async function listModelNames(root: string): Promise<string[]> {
  const names = await readModelFolders(root);
  const published = await Promise.all(names.map(async (name) => (await listVersionNumbers(root, name)).length > 0));
  return names.filter((_, index) => published[index]);
}

/** The validated manifest in a version folder, without checking its files. */
export async function readManifestFile(root: string, owner: VersionLocation): Promise<Manifest> {
  const { name, version, dir } = owner;
  const path = join(dir, MANIFEST_FILE);
  const manifestFile = { subject: `Manifest ${path}`, path };
  const remedy = folderRemedy(owner);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errnoCode(error) !== "ENOENT") throw error;
    const versions = await listVersionNumbers(root, name);
    if (!versions.includes(version)) throw new RegistryError("NOT_FOUND", `Model "${name}" has no version ${version}.`);
    throw versionDamage(owner, manifestFile, "is missing", remedy);
  }
  let manifest: Manifest;
  try {
    manifest = parseManifest(text, path);
  } catch (error) {
    if (isRegistryError(error) && error.damage !== undefined)
      throw versionDamage(owner, manifestFile, error.damage.problem, remedy);
    throw error;
  }
  if (manifest.name !== name || manifest.version !== version) {
    throw versionDamage(
      owner,
      manifestFile,
      `describes ${manifest.name}@${manifest.version} but sits in the folder of ${name}@${version}`,
      remedy,
    );
  }
  return manifest;
}

/**
 * Checks that a listed file is a regular file inside the registry with the size the manifest records,
 * and returns its real path. Sizes catch missing or truncated files cheaply; hashes are checked when a
 * file is read.
 */
export async function checkListedFile(realRoot: string, owner: VersionLocation, file: ManifestFile): Promise<string> {
  const path = join(owner.dir, file.path);
  const listed = listedFile(owner, file.path, path);
  const remedy = folderRemedy(owner);
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") throw versionDamage(owner, listed, "is missing", remedy);
    throw error;
  }
  // Where the link leads stays out of the message: it may be shown to a web client.
  if (!isInsideRoot(realRoot, real))
    throw versionDamage(
      owner,
      listed,
      `is a link that leads outside the registry root ${realRoot}`,
      remedy,
      "FORBIDDEN",
    );
  const info = await stat(real);
  if (!info.isFile()) throw versionDamage(owner, listed, "is not a regular file", remedy);
  if (info.size !== file.bytes)
    throw versionDamage(owner, listed, `has ${info.size} bytes but the manifest records ${file.bytes}`, remedy);
  return real;
}

/** What a user can do about a damaged version in a folder: versions are immutable, so it is removed, never rewritten. */
export function folderRemedy(owner: VersionLocation): string {
  return (
    `Versions are immutable, so ${owner.name}@${owner.version} cannot be repaired in place: restore the file from a backup, ` +
    `or delete the folder ${owner.dir} and use another version (re-point an alias with: ${aliasCommand(owner.name, "<version>", "<alias>")}).`
  );
}
