export { Registry, type PublishedVersion } from "./registry";
export { openRegistry } from "./open";
export { copyModels, type CopyReport } from "./copy";
export { FileSystemStore } from "./fs-store";
export type { GarbageReport, RegistryStore, StorePublish, StoredFile, VersionLocation } from "./store";
export type { ModelSummary, RegistryProblem } from "./listing";
export type { VersionRecord } from "./read";
export type { PublishFile, PublishInput } from "./publish";
export type { ResolvedFile, VerifiedFile } from "./files";
export type { AliasUpdate, Aliases } from "./aliases";
export type { Quality } from "./quality";
export {
  manifestSchema,
  manifestFileSchema,
  fileRoleSchema,
  parseManifest,
  MANIFEST_SCHEMA_VERSION,
  type Manifest,
  type ManifestDraft,
  type ManifestFile,
  type FileRole,
} from "./manifest";
export { RegistryError, isRegistryError, type Damage, type RegistryErrorCode } from "./errors";
export {
  MODEL_NAME_PATTERN,
  assertModelName,
  isModelName,
  isAliasName,
  isVersionText,
  parseRef,
  type ParsedRef,
  type RefTarget,
} from "./names";
export { lossHistorySchema, lossPointSchema, type LossPoint } from "./losses";
export { defaultRegistryLocation, findRepoRoot, isDatabaseLocation } from "./root";
export { writeFileAtomic, writeJsonAtomic } from "./atomic";
export { sha256Hex, sha256File } from "./hash";
export { contentTypeFor } from "./content-type";
