import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Aliases, updateAliases } from "./aliases";
import { fsyncDirectory, writeFileDurably, writeJsonAtomic } from "./atomic";
import { aliasCommand } from "./damage";
import { RegistryError, errnoCode } from "./errors";
import { sha256Hex, toBytes } from "./hash";
import { type FileRole, type Manifest, type ManifestDraft, MANIFEST_SCHEMA_VERSION, checkManifest } from "./manifest";
import { assertAliasName, assertModelName } from "./names";
import { MANIFEST_FILE, layout } from "./paths";
import { listVersionNumbers } from "./read";
import { type Staging, cleanAbandonedStaging, createStaging } from "./staging";

export type PublishFile = {
  path: string;
  role: FileRole;
  data: Uint8Array | string /* utf8 */;
  /** Role epoch-samples only: the number of epochs finished when the grid was drawn. */
  epoch?: number;
};
export type PublishInput = { name: string; manifest: ManifestDraft; files: PublishFile[]; aliases?: string[] };

/** Each lost race moves on to the next number; this many losses in a row means something else is wrong. */
const MAX_CLAIM_ATTEMPTS = 1000;

/** Builds and validates the whole manifest before anything touches the disk. */
function draftManifest(input: PublishInput, files: Array<PublishFile & { bytes: Uint8Array }>): Manifest {
  const value = {
    ...input.manifest,
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    name: input.name,
    version: 1, // placeholder: the real number is known only once claimed
    createdAt: new Date().toISOString(),
    files: files.map((file) => ({
      path: file.path,
      bytes: file.bytes.byteLength,
      sha256: sha256Hex(file.bytes),
      role: file.role,
      ...(file.epoch === undefined ? {} : { epoch: file.epoch }),
    })),
  };
  return checkManifest(value, "INVALID", `The manifest to publish for "${input.name}"`);
}

async function writeContent(contentDir: string, files: Array<PublishFile & { bytes: Uint8Array }>): Promise<void> {
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

/**
 * Claims the next free version number by renaming the staged folder to `versions/<n>`. rename() onto a
 * non-empty folder fails, so two publishers can never get the same number; the loser rewrites its
 * manifest with the next number and tries again.
 */
async function claimVersion(root: string, name: string, staging: Staging, manifest: Manifest): Promise<number> {
  const versionsDir = layout.versions(root, name);
  let candidate = 0;
  for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
    const newest = (await listVersionNumbers(root, name)).at(-1) ?? 0;
    candidate = Math.max(candidate, newest) + 1;
    await writeJsonAtomic(join(staging.contentDir, MANIFEST_FILE), { ...manifest, version: candidate });
    try {
      await rename(staging.contentDir, join(versionsDir, String(candidate)));
      await fsyncDirectory(versionsDir);
      return candidate;
    } catch (error) {
      if (!isTakenError(error)) throw error;
    }
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
 * Publishes a new immutable version and points `latest` (and any requested aliases) at it. A damaged
 * aliases.json is repaired before the version is created; the warnings say what was repaired.
 */
export async function publishVersion(
  root: string,
  input: PublishInput,
): Promise<{ version: number; warnings: string[] }> {
  assertModelName(input.name);
  const requestedAliases = [...new Set(input.aliases ?? [])];
  requestedAliases.forEach(assertAliasName);
  const files = input.files.map((file) => ({ ...file, bytes: toBytes(file.data) }));
  const manifest = draftManifest(input, files);

  // Repairing (or failing to write) aliases.json happens here, while there is no new version to leave behind.
  const { warnings } = await updateAliases(root, input.name, (aliases) => aliases);
  await mkdir(layout.versions(root, input.name), { recursive: true });
  await cleanAbandonedStaging(root, input.name);
  const staging = await createStaging(root, input.name);
  let version: number;
  try {
    await writeContent(staging.contentDir, files);
    version = await claimVersion(root, input.name, staging, manifest);
  } finally {
    // After a successful claim only the owner record is left; after a failure, the partial content too. If even
    // this fails, the folder's dead owner lets the next publish clean it.
    await rm(staging.dir, { recursive: true, force: true }).catch(() => undefined);
  }
  return { version, warnings: [...warnings, ...(await pointAliases(root, input.name, version, requestedAliases))] };
}
