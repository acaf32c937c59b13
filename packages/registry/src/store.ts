import type { Readable } from "node:stream";
import type { AliasFile, AliasUpdate, Aliases } from "./aliases";
import type { Manifest, ManifestFile } from "./manifest";
import type { Quality } from "./quality";

/** A version as a store names it: enough to say which it is and where it lives (for messages). */
export type VersionLocation = { name: string; version: number; dir: string };

/** A file to publish: its bytes, already counted and hashed into the manifest. */
export type StoredFile = { path: string; bytes: Uint8Array };

/** What a publish asks of a store: a validated manifest (its version a placeholder) and the files it lists. */
export type StorePublish = {
  manifest: Manifest;
  files: StoredFile[];
  /** Aliases to point at the new version besides `latest`. */
  aliases: string[];
  /** Keep this number (copying between stores); CONFLICT if it is taken. Otherwise the next free one is claimed. */
  version?: number;
};

/** What `registry gc` removed: leftovers of publishes that died, never anything a version lists. */
export type GarbageReport = { removed: number; what: string };

/**
 * Where a registry keeps its versions, aliases and files: a folder (FileSystemStore) or PostgreSQL with an
 * S3-compatible bucket (PostgresS3Store). The Registry class holds everything the two share (names, refs,
 * manifests, hash checks, damage reports); a store only reads and writes. Files leave a store as streams and
 * enter it as bytes. Every method takes validated names and numbers.
 */
export interface RegistryStore {
  /** Where the registry is, as a person names it (a folder, or the database and bucket; never a password). */
  readonly location: string;
  /** Fails with a message that says what to do if the registry cannot be read; an empty one is fine. */
  checkReadable(): Promise<void>;
  /** Fails, before any work, if the registry cannot accept writes. Creates nothing. */
  checkWritable(): Promise<void>;
  /** Models with at least one published version, sorted. */
  listModelNames(): Promise<string[]>;
  /** A model's published version numbers, ascending (empty for an unknown model). */
  listVersionNumbers(name: string): Promise<number[]>;
  /** Where a version lives, for messages: its folder, or its place in the database. */
  versionDir(name: string, version: number): string;
  /**
   * The validated manifest of a version. NOT_FOUND when there is no such version; CORRUPT with `damage` when it
   * is there but unreadable or does not describe `name@version`.
   */
  readManifest(owner: VersionLocation): Promise<Manifest>;
  /** {@link readManifest} for several versions of one model at once (a listing): each manifest, or its error. */
  readManifests(owners: VersionLocation[]): Promise<Array<Manifest | Error>>;
  /** Where a model's aliases are kept, for messages about them. */
  aliasesLocation(name: string): string;
  /** A model's aliases as far as they can be read, and what is damaged if anything. */
  inspectAliases(name: string): Promise<AliasFile>;
  /** Read-modify-write of a model's aliases that concurrent writers cannot lose; repairs damage on the way. */
  updateAliases(name: string, change: (aliases: Aliases) => Aliases | Promise<Aliases>): Promise<AliasUpdate>;
  /**
   * Stores a new version whole or not at all, and points `latest` (never back to an older number) and the
   * requested aliases at it. A reader never sees it before every file is there.
   */
  publish(request: StorePublish): Promise<{ version: number; warnings: string[] }>;
  /** Replaces a version's `metrics.quality`, the one field that may change after publishing; atomically. */
  setQuality(owner: VersionLocation, quality: Quality): Promise<void>;
  /**
   * Checks cheaply (no hashing) that each listed file is there with the size its manifest records; returns,
   * in order, the damage error of each file that is not (undefined for a sound one).
   */
  checkFiles(files: Array<{ owner: VersionLocation; file: ManifestFile }>): Promise<Array<Error | undefined>>;
  /** A listed file's bytes as stored, unchecked (the caller hashes them); damage error if it is not there. */
  openFile(owner: VersionLocation, file: ManifestFile): Promise<Readable>;
  /** Where a listed file is stored, for messages: a path, or a bucket key. */
  fileLocation(owner: VersionLocation, file: ManifestFile): string;
  /** What a user can do about a damaged version of this store. */
  damagedVersionRemedy(owner: VersionLocation): string;
  /**
   * Turns a failed write into a message naming the registry, what happened to the operation (`consequence`)
   * and what to do; errors it does not recognise pass through unchanged.
   */
  describeWriteFailure(error: unknown, consequence: string): unknown;
  /** Removes what crashed publishes left behind (staging folders, blobs no version lists). */
  collectGarbage(): Promise<GarbageReport>;
  /** Releases connections; the store cannot be used afterwards. */
  close(): Promise<void>;
}

/** A rejection as an Error to report in a list of outcomes; anything that is not an Error is thrown on. */
export function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  throw error;
}
