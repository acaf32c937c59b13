import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Aliases, updateAliases } from "./aliases";
import { fsyncDirectory, writeFileDurably, writeJsonAtomic } from "./atomic";
import { aliasCommand } from "./damage";
import { RegistryError, errnoCode } from "./errors";
import { listVersionNumbers } from "./fs-versions";
import type { Manifest } from "./manifest";
import { MANIFEST_FILE, layout } from "./paths";
import { type Staging, cleanAbandonedStaging, createStaging } from "./staging";
import type { StoredFile, StorePublish } from "./store";

/** Each lost race moves on to the next number; this many losses in a row means something else is wrong. */
const MAX_CLAIM_ATTEMPTS = 1000;

async function writeContent(contentDir: string, files: StoredFile[]): Promise<void> {
  const folders = new Set<string>([contentDir]);
  for (const file of files) {
    const target = join(contentDir, file.path);
    folders.add(dirname(target));
    await mkdir(dirname(target), { recursive: true });
    await writeFileDurably(target, file.bytes);
  }
  await Promise.all([...folders].map(fsyncDirectory));
}

function isTakenError(error: unknown): boolean {
  const code = errnoCode(error);
  return code === "EEXIST" || code === "ENOTEMPTY";
}

/** Renames the staged folder to `versions/<n>`: rename() onto a non-empty folder fails, so a number is never given twice. */
async function tryClaim(root: string, name: string, staging: Staging, manifest: Manifest, candidate: number) {
  const versionsDir = layout.versions(root, name);
  await writeJsonAtomic(join(staging.contentDir, MANIFEST_FILE), { ...manifest, version: candidate });
  try {
    await rename(staging.contentDir, join(versionsDir, String(candidate)));
    await fsyncDirectory(versionsDir);
    return true;
  } catch (error) {
    if (!isTakenError(error)) throw error;
    return false;
  }
}

/**
 * Claims the next free version number by renaming the staged folder into place; the loser of a race rewrites
 * its manifest with the next number and tries again. A fixed `version` (a copy from another store) is tried once.
 */
async function claimVersion(
  root: string,
  name: string,
  staging: Staging,
  manifest: Manifest,
  fixed?: number,
): Promise<number> {
  if (fixed !== undefined) {
    if (await tryClaim(root, name, staging, manifest, fixed)) return fixed;
    throw new RegistryError("CONFLICT", `${name}@${fixed} already exists in the registry at ${root}.`);
  }
  let candidate = 0;
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
    const newest = (await listVersionNumbers(root, name)).at(-1) ?? 0;
    candidate = Math.max(candidate, newest) + 1;
    if (await tryClaim(root, name, staging, manifest, candidate)) return candidate;
  }
  throw new RegistryError(
    "CONFLICT",
    `Could not claim a version number for "${name}" after ${MAX_CLAIM_ATTEMPTS} tries.`,
  );
}

/**
 * Points `latest` (and the requested aliases) at a version that has just been claimed. A `latest` that points
 * at a version that no longer exists is repaired; otherwise it never moves back to an older number (concurrent
 * publishes may finish out of order). The version is whole already, so a failure here is reported, not thrown.
 */
async function pointAliases(root: string, name: string, version: number, requested: string[]): Promise<string[]> {
  const notes: string[] = [];
  const point = async (aliases: Aliases): Promise<Aliases> => {
    const existing = await listVersionNumbers(root, name);
    const previous = aliases.latest;
    if (previous !== undefined && !existing.includes(previous)) {
      notes.push(
        `The alias latest pointed at version ${previous}, which does not exist; it now points at ${name}@${version}.`,
      );
    }
    aliases.latest = previous !== undefined && existing.includes(previous) ? Math.max(previous, version) : version;
    for (const alias of requested) aliases[alias] = version;
    return aliases;
  };
  try {
    const { warnings } = await updateAliases(root, name, point);
    return [...warnings, ...notes];
  } catch (error) {
    const commands = ["latest", ...requested].map((alias) => aliasCommand(name, version, alias)).join("; ");
    return [
      `Published ${name}@${version}, but its aliases could not be updated (${(error as Error).message}). Point them yourself with: ${commands}.`,
    ];
  }
}

/**
 * Publishes a new immutable version in a registry folder: the files and manifest are written in a staging
 * folder and renamed into place, then `latest` (and any requested aliases) point at it. A damaged
 * aliases.json is repaired before the version is created; the warnings say what was repaired.
 */
export async function publishToFolder(
  root: string,
  request: StorePublish,
): Promise<{ version: number; warnings: string[] }> {
  const { manifest, files } = request;
  const { name } = manifest;
  // Repairing (or failing to write) aliases.json happens here, while there is no new version to leave behind.
  const { warnings } = await updateAliases(root, name, (aliases) => aliases);
  await mkdir(layout.versions(root, name), { recursive: true });
  await cleanAbandonedStaging(root, name);
  const staging = await createStaging(root, name);
  let version: number;
  try {
    await writeContent(staging.contentDir, files);
    version = await claimVersion(root, name, staging, manifest, request.version);
  } finally {
    // After a successful claim only the owner record is left; after a failure, the partial content too. If even
    // this fails, the folder's dead owner lets the next publish clean it.
    await rm(staging.dir, { recursive: true, force: true }).catch(() => undefined);
  }
  return { version, warnings: [...warnings, ...(await pointAliases(root, name, version, request.aliases))] };
}
