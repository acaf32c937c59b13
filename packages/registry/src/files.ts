import { createHash } from "node:crypto";
import { contentTypeFor } from "./content-type";
import { listedFile, versionDamage } from "./damage";
import { RegistryError } from "./errors";
import type { ManifestFile } from "./manifest";
import { assertModelName, assertVersionNumber } from "./names";
import { forbiddenPathReason } from "./paths";
import { type VersionRecord, readManifest, readVersion, versionOwner } from "./read";
import type { RegistryStore, VersionLocation } from "./store";

/** A file of a version as its manifest records it, and where it is stored (a path or a bucket key, for messages). */
export type ResolvedFile = { location: string; bytes: number; sha256: string; contentType: string };
/** A version file's bytes, already checked against the manifest's size and sha256. */
export type VerifiedFile = { file: ResolvedFile; bytes: Uint8Array };

function hashMismatch(store: RegistryStore, owner: VersionLocation, file: ManifestFile, actual: string): RegistryError {
  const location = store.fileLocation(owner, file);
  return versionDamage(
    owner,
    listedFile(owner, file.path, location),
    `has sha256 ${actual} but the manifest records ${file.sha256}`,
    store.damagedVersionRemedy(owner),
  );
}

/**
 * Locates a file of a version for serving. Only files the manifest lists are served, and only if the store
 * holds them where it should (for a folder: inside the registry, no symlinks out): the path may come straight
 * from a URL. Checks the size only; {@link readVersionFile} also checks the content.
 */
export async function resolveVersionFile(
  store: RegistryStore,
  name: string,
  version: number,
  requested: string,
): Promise<ResolvedFile> {
  const { owner, file } = await locateVersionFile(store, name, version, requested);
  const [damage] = await store.checkFiles([{ owner, file }]);
  if (damage !== undefined) throw damage;
  return resolved(store, owner, file);
}

function resolved(store: RegistryStore, owner: VersionLocation, file: ManifestFile): ResolvedFile {
  const location = store.fileLocation(owner, file);
  return { location, bytes: file.bytes, sha256: file.sha256, contentType: contentTypeFor(file.path) };
}

async function locateVersionFile(store: RegistryStore, name: string, version: number, requested: string) {
  assertModelName(name);
  assertVersionNumber(version);
  const reason = forbiddenPathReason(requested);
  if (reason !== undefined) {
    throw new RegistryError("FORBIDDEN", `Refusing file path ${JSON.stringify(requested)}: it ${reason}.`);
  }
  const owner = versionOwner(store, name, version);
  const manifest = await readManifest(store, owner);
  const file = manifest.files.find((entry) => entry.path === requested);
  if (file === undefined) {
    const listed = manifest.files.map((entry) => entry.path).join(", ");
    throw new RegistryError(
      "NOT_FOUND",
      `${name}@${version} has no file ${JSON.stringify(requested)}. Files: ${listed || "none"}.`,
    );
  }
  return { owner, file };
}

/** Reads a stored file whole, checking its size and sha256 against the manifest as the bytes arrive. */
async function readChecked(store: RegistryStore, owner: VersionLocation, file: ManifestFile): Promise<Uint8Array> {
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of await store.openFile(owner, file)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.byteLength;
    // More bytes than the manifest records is damage already: stop before holding all of them.
    if (size > file.bytes) break;
    chunks.push(bytes);
  }
  if (size !== file.bytes) {
    const location = store.fileLocation(owner, file);
    const problem = `has ${size > file.bytes ? "more than " : ""}${size} bytes but the manifest records ${file.bytes}`;
    throw versionDamage(owner, listedFile(owner, file.path, location), problem, store.damagedVersionRemedy(owner));
  }
  const actual = hash.digest("hex");
  if (actual !== file.sha256) throw hashMismatch(store, owner, file, actual);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Streams a stored file through sha256 without keeping it (big weights need not fit in memory). */
async function hashStored(store: RegistryStore, owner: VersionLocation, file: ManifestFile): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of await store.openFile(owner, file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Reads a file of a version whole and checks it against the manifest's sha256: what loads a model (the
 * trainer's `sample` and `evaluate`, the viewer's file route) never gets bytes the manifest does not vouch for.
 */
export async function readVersionFile(
  store: RegistryStore,
  name: string,
  version: number,
  requested: string,
): Promise<VerifiedFile> {
  const { owner, file } = await locateVersionFile(store, name, version, requested);
  const bytes = await readChecked(store, owner, file);
  return { file: resolved(store, owner, file), bytes };
}

/** Re-hashes every file of a version; CORRUPT naming the first file whose sha256 differs. */
export async function verifyVersionHashes(store: RegistryStore, name: string, version: number): Promise<VersionRecord> {
  assertModelName(name);
  assertVersionNumber(version);
  const record = await readVersion(store, name, version);
  for (const file of record.manifest.files) {
    const actual = await hashStored(store, record, file);
    if (actual !== file.sha256) throw hashMismatch(store, record, file, actual);
  }
  return record;
}
