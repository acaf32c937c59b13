import { sha256Hex, toBytes } from "./hash";
import { type FileRole, type Manifest, type ManifestDraft, MANIFEST_SCHEMA_VERSION, checkManifest } from "./manifest";
import { assertAliasName, assertModelName } from "./names";
import type { StorePublish } from "./store";

export type PublishFile = {
  path: string;
  role: FileRole;
  data: Uint8Array | string /* utf8 */;
  /** Role epoch-samples only: the number of epochs finished when the grid was drawn. */
  epoch?: number;
};
export type PublishInput = { name: string; manifest: ManifestDraft; files: PublishFile[]; aliases?: string[] };

/** Builds and validates the whole manifest before anything touches the store. */
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

/** Checks names, aliases and the manifest, and hashes every file: all before a store is touched. */
export function preparePublish(input: PublishInput): StorePublish {
  assertModelName(input.name);
  const aliases = [...new Set(input.aliases ?? [])];
  aliases.forEach(assertAliasName);
  const files = input.files.map((file) => ({ ...file, bytes: toBytes(file.data) }));
  const manifest = draftManifest(input, files);
  return { manifest, files: files.map(({ path, bytes }) => ({ path, bytes })), aliases };
}
