import { readFile, realpath } from "node:fs/promises";
import { contentTypeFor } from "./content-type";
import { type VersionLocation, listedFile, versionDamage } from "./damage";
import { RegistryError } from "./errors";
import { sha256File, sha256Hex } from "./hash";
import type { ManifestFile } from "./manifest";
import { assertModelName, assertVersionNumber } from "./names";
import { forbiddenPathReason } from "./paths";
import { type VersionRecord, checkListedFile, readManifest, readVersion } from "./read";

export type ResolvedFile = { absolutePath: string; bytes: number; sha256: string; contentType: string };
/** A version file's bytes, already checked against the manifest's size and sha256. */
export type VerifiedFile = { file: ResolvedFile; bytes: Uint8Array };

function hashMismatch(owner: VersionLocation, file: ManifestFile, absolutePath: string, actual: string): RegistryError {
  return versionDamage(
    owner,
    listedFile(owner, file.path, absolutePath),
    `has sha256 ${actual} but the manifest records ${file.sha256}`,
  );
}

/**
 * Locates a file of a version for serving. Only files the manifest lists are served, and only if their
 * real location stays inside the registry: the path may come straight from a URL. Checks the size only;
 * {@link readVersionFile} also checks the content.
 */
export async function resolveVersionFile(
  root: string,
  name: string,
  version: number,
  requested: string,
): Promise<ResolvedFile> {
  return (await locateVersionFile(root, name, version, requested)).resolved;
}

async function locateVersionFile(root: string, name: string, version: number, requested: string) {
  assertModelName(name);
  assertVersionNumber(version);
  const reason = forbiddenPathReason(requested);
  if (reason !== undefined) {
    throw new RegistryError("FORBIDDEN", `Refusing file path ${JSON.stringify(requested)}: it ${reason}.`);
  }
  const { manifest, dir } = await readManifest(root, name, version);
  const file = manifest.files.find((entry) => entry.path === requested);
  if (file === undefined) {
    const listed = manifest.files.map((entry) => entry.path).join(", ");
    throw new RegistryError(
      "NOT_FOUND",
      `${name}@${version} has no file ${JSON.stringify(requested)}. Files: ${listed || "none"}.`,
    );
  }
  const owner = { name, version, dir };
  const absolutePath = await checkListedFile(await realpath(root), owner, file);
  const resolved = { absolutePath, bytes: file.bytes, sha256: file.sha256, contentType: contentTypeFor(file.path) };
  return { owner, file, resolved };
}

/**
 * Reads a file of a version whole and checks it against the manifest's sha256: what loads a model (the
 * trainer's `sample` and `evaluate`, the viewer's file route) never gets bytes the manifest does not vouch for.
 */
export async function readVersionFile(
  root: string,
  name: string,
  version: number,
  requested: string,
): Promise<VerifiedFile> {
  const { owner, file, resolved } = await locateVersionFile(root, name, version, requested);
  const bytes = new Uint8Array(await readFile(resolved.absolutePath));
  const actual = sha256Hex(bytes);
  if (actual !== file.sha256) throw hashMismatch(owner, file, resolved.absolutePath, actual);
  return { file: resolved, bytes };
}

/** Re-hashes every file of a version (streamed, so big weights need not fit in memory). */
export async function verifyVersionHashes(root: string, name: string, version: number): Promise<VersionRecord> {
  assertModelName(name);
  assertVersionNumber(version);
  const record = await readVersion(root, name, version);
  const realRoot = await realpath(root);
  for (const file of record.manifest.files) {
    const absolutePath = await checkListedFile(realRoot, record, file);
    const actual = await sha256File(absolutePath);
    if (actual !== file.sha256) throw hashMismatch(record, file, absolutePath, actual);
  }
  return record;
}
