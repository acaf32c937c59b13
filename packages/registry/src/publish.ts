import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { updateAliases } from "./aliases";
import { fsyncDirectory, writeFileDurably, writeJsonAtomic } from "./atomic";
import { RegistryError, errnoCode } from "./errors";
import { sha256Hex, toBytes } from "./hash";
import { type FileRole, type Manifest, type ManifestDraft, checkManifest } from "./manifest";
import { assertAliasName, assertModelName } from "./names";
import { MANIFEST_FILE, layout } from "./paths";
import { listVersionNumbers } from "./read";
import { type Staging, cleanAbandonedStaging, createStaging } from "./staging";

export type PublishFile = { path: string; role: FileRole; data: Uint8Array | string /* utf8 */ };
export type PublishInput = { name: string; manifest: ManifestDraft; files: PublishFile[]; aliases?: string[] };

/** Each lost race moves on to the next number; this many losses in a row means something else is wrong. */
const MAX_CLAIM_ATTEMPTS = 1000;

/** Builds and validates the whole manifest before anything touches the disk. */
function draftManifest(input: PublishInput, files: Array<PublishFile & { bytes: Uint8Array }>): Manifest {
  const value = {
    ...input.manifest,
    schemaVersion: 1,
    name: input.name,
    version: 1, // placeholder: the real number is known only once claimed
    createdAt: new Date().toISOString(),
    files: files.map((file) => ({ path: file.path, bytes: file.bytes.byteLength, sha256: sha256Hex(file.bytes), role: file.role })),
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
  throw new RegistryError("CONFLICT", `Could not claim a version number for "${name}" after ${MAX_CLAIM_ATTEMPTS} tries.`);
}

/** Publishes a new immutable version and points `latest` (and any requested aliases) at it. */
export async function publishVersion(root: string, input: PublishInput): Promise<number> {
  assertModelName(input.name);
  const requestedAliases = [...new Set(input.aliases ?? [])];
  requestedAliases.forEach(assertAliasName);
  const files = input.files.map((file) => ({ ...file, bytes: toBytes(file.data) }));
  const manifest = draftManifest(input, files);

  await mkdir(layout.versions(root, input.name), { recursive: true });
  await cleanAbandonedStaging(root, input.name);
  const staging = await createStaging(root, input.name);
  let version: number;
  try {
    await writeContent(staging.contentDir, files);
    version = await claimVersion(root, input.name, staging, manifest);
  } finally {
    // After a successful claim only the owner record is left; after a failure, the partial content too.
    await rm(staging.dir, { recursive: true, force: true });
  }

  await updateAliases(root, input.name, (aliases) => {
    // Concurrent publishes may finish out of order: latest never moves back to an older number.
    aliases.latest = Math.max(aliases.latest ?? 0, version);
    for (const alias of requestedAliases) aliases[alias] = version;
    return aliases;
  });
  return version;
}
