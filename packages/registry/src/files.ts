import { realpath } from "node:fs/promises";
import { contentTypeFor } from "./content-type";
import { RegistryError } from "./errors";
import { sha256File } from "./hash";
import { assertModelName, assertVersionNumber } from "./names";
import { forbiddenPathReason } from "./paths";
import { type VersionRecord, checkListedFile, readManifest, readVersion } from "./read";

export type ResolvedFile = { absolutePath: string; bytes: number; sha256: string; contentType: string };

/**
 * Locates a file of a version for serving. Only files the manifest lists are served, and only if their
 * real location stays inside the registry: the path may come straight from a URL.
 */
export async function resolveVersionFile(root: string, name: string, version: number, requested: string): Promise<ResolvedFile> {
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
    throw new RegistryError("NOT_FOUND", `${name}@${version} has no file ${JSON.stringify(requested)}. Files: ${listed || "none"}.`);
  }
  const absolutePath = await checkListedFile(await realpath(root), { name, version, dir }, file);
  return { absolutePath, bytes: file.bytes, sha256: file.sha256, contentType: contentTypeFor(file.path) };
}

/** Re-hashes every file of a version (slow for big weights, hence not done on every read). */
export async function verifyVersionHashes(root: string, name: string, version: number): Promise<VersionRecord> {
  assertModelName(name);
  assertVersionNumber(version);
  const record = await readVersion(root, name, version);
  const realRoot = await realpath(root);
  for (const file of record.manifest.files) {
    const absolutePath = await checkListedFile(realRoot, record, file);
    const actual = await sha256File(absolutePath);
    if (actual !== file.sha256) {
      throw new RegistryError(
        "CORRUPT",
        `File ${file.path} of ${name}@${version} (${absolutePath}) has sha256 ${actual} but the manifest records ${file.sha256}; the version is damaged.`,
      );
    }
  }
  return record;
}
