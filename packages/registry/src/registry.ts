import type { AliasUpdate, Aliases } from "./aliases";
import { aliasCommand } from "./damage";
import { type Damage, RegistryError } from "./errors";
import {
  type ResolvedFile,
  type VerifiedFile,
  readVersionFile,
  resolveVersionFile,
  verifyVersionHashes,
} from "./files";
import { FileSystemStore } from "./fs-store";
import { type ModelSummary, listModel } from "./listing";
import { assertAliasName, assertModelName, assertVersionNumber, parseRef } from "./names";
import { type PublishInput, preparePublish } from "./publish";
import type { Quality } from "./quality";
import {
  type VersionRecord,
  readManifest,
  readVersion,
  requireVersions,
  resolveVersionNumber,
  versionOwner,
} from "./read";
import type { GarbageReport, RegistryStore } from "./store";
import { sha256Hex } from "./hash";
import { type Manifest, checkManifest } from "./manifest";

/** A published version, and anything the registry repaired or could not do on the way (e.g. a damaged aliases.json). */
export type PublishedVersion = VersionRecord & { warnings: string[] };

function unreadableAlias(name: string, alias: string, damage: Damage): RegistryError {
  return new RegistryError(
    "CORRUPT",
    `The alias file ${damage.file} ${damage.problem}, so the alias "${alias}" of "${name}" cannot be read. Use a version ` +
      `number (${name}@<version>), or rebuild the file by pointing the alias again: ${aliasCommand(name, "<version>", alias)} ` +
      "(the next publish also rebuilds it; both keep a copy of the damaged file).",
    { damage },
  );
}

/**
 * Named models with numbered versions and mutable aliases, kept by a store: a folder (the default; a path
 * here), or PostgreSQL with S3-compatible storage (see openRegistry). A version's files never change once
 * published; its manifest's `metrics.quality` may (see {@link setQuality}). Safe to use from several processes
 * at once.
 */
export class Registry {
  readonly store: RegistryStore;

  constructor(store: RegistryStore | string) {
    this.store = typeof store === "string" ? new FileSystemStore(store) : store;
  }

  /** Where the registry is, for people: its folder, or its database and bucket (never a password). */
  get location(): string {
    return this.store.location;
  }

  /** Every model with its intact versions; damaged versions are skipped and reported in `problems`. */
  async listModels(): Promise<ModelSummary[]> {
    await this.store.checkReadable();
    const names = await this.store.listModelNames();
    return Promise.all(names.map((name) => listModel(this.store, name)));
  }

  /** One model as {@link listModels} lists it; NOT_FOUND if it has no versions. */
  async listModel(name: string): Promise<ModelSummary> {
    assertModelName(name);
    await this.store.checkReadable();
    await requireVersions(this.store, name);
    return listModel(this.store, name);
  }

  /** Versions in ascending order; NOT_FOUND if the model has none, CORRUPT if any is damaged (see listModel). */
  async listVersions(name: string): Promise<VersionRecord[]> {
    assertModelName(name);
    await this.store.checkReadable();
    const versions = await requireVersions(this.store, name);
    const { aliases } = await this.store.inspectAliases(name);
    return Promise.all(versions.map((version) => readVersion(this.store, name, version, aliases)));
  }

  /** `name` (= latest), `name@3`, `name@latest`, `name@best`, `name@<alias>`. */
  async resolve(ref: string): Promise<VersionRecord> {
    const parsed = parseRef(ref);
    await this.store.checkReadable();
    const { aliases, damage } = await this.store.inspectAliases(parsed.name);
    const { target } = parsed;
    if (damage !== undefined && target.kind === "alias" && aliases[target.alias] === undefined) {
      await requireVersions(this.store, parsed.name);
      throw unreadableAlias(parsed.name, target.alias, damage);
    }
    const version = await resolveVersionNumber(this.store, parsed, aliases);
    return readVersion(this.store, parsed.name, version, aliases);
  }

  /** Checks, creating nothing, that the registry accepts writes (a writable folder, a reachable database). */
  async checkWritable(): Promise<void> {
    await this.store.checkWritable();
  }

  async publish(input: PublishInput): Promise<PublishedVersion> {
    const request = preparePublish(input);
    await this.store.checkWritable();
    try {
      const { version, warnings } = await this.store.publish(request);
      return { ...(await readVersion(this.store, input.name, version)), warnings };
    } catch (error) {
      throw this.store.describeWriteFailure(error, "nothing was published (its partial files were removed)");
    }
  }

  /** Points an alias (including `latest` or `best`) at an existing version; repairs damaged aliases. */
  async setAlias(name: string, alias: string, version: number): Promise<AliasUpdate> {
    assertModelName(name);
    assertAliasName(alias);
    assertVersionNumber(version);
    await this.store.checkWritable();
    await resolveVersionNumber(this.store, { name, target: { kind: "version", version } }, {});
    return this.changeAliases(name, (aliases) => ({ ...aliases, [alias]: version }));
  }

  async removeAlias(name: string, alias: string): Promise<AliasUpdate> {
    assertModelName(name);
    assertAliasName(alias);
    await this.store.checkWritable();
    await requireVersions(this.store, name);
    return this.changeAliases(name, (aliases) => {
      if (aliases[alias] === undefined) {
        const known = Object.keys(aliases).join(", ") || "none";
        throw new RegistryError("NOT_FOUND", `Model "${name}" has no alias "${alias}" to remove. Aliases: ${known}.`);
      }
      delete aliases[alias];
      return aliases;
    });
  }

  /** A file listed in a version's manifest, checked to be stored where it should be with its size. */
  async resolveFile(name: string, version: number, relPath: string): Promise<ResolvedFile> {
    await this.store.checkReadable();
    return resolveVersionFile(this.store, name, version, relPath);
  }

  /** A file's bytes, checked against the manifest's sha256: how models are loaded. CORRUPT if they differ. */
  async readFile(name: string, version: number, relPath: string): Promise<VerifiedFile> {
    await this.store.checkReadable();
    return readVersionFile(this.store, name, version, relPath);
  }

  /**
   * Records (or replaces) a version's quality score: the only change a published version accepts. The
   * manifest gets `metrics.quality` with everything else as it was; the version's files, their hashes and the
   * other manifest fields never change. The change is atomic (readers see the old manifest or the new one).
   */
  async setQuality(name: string, version: number, quality: Quality): Promise<VersionRecord> {
    assertModelName(name);
    assertVersionNumber(version);
    await this.store.checkWritable();
    const owner = versionOwner(this.store, name, version);
    // NOT_FOUND naming the versions there are, before the store is asked to change anything.
    await readManifest(this.store, owner);
    try {
      await this.store.setQuality(owner, quality);
    } catch (error) {
      throw this.store.describeWriteFailure(error, "the quality score was not recorded");
    }
    return readVersion(this.store, name, version);
  }

  /** Re-hashes every file of a version; CORRUPT naming the first file whose sha256 differs. */
  async verifyVersion(name: string, version: number): Promise<VersionRecord> {
    await this.store.checkReadable();
    return verifyVersionHashes(this.store, name, version);
  }

  /**
   * Stores a version taken from another registry under its own number with its manifest unchanged (`registry
   * copy`); every file must have the size and sha256 the manifest records. CONFLICT if the number is taken.
   */
  async importVersion(
    manifest: Manifest,
    files: Array<{ path: string; bytes: Uint8Array }>,
  ): Promise<PublishedVersion> {
    const checked = checkManifest(manifest, "INVALID", `The manifest of ${manifest.name}@${manifest.version} to copy`);
    const byPath = new Map(files.map((file) => [file.path, file.bytes]));
    const ordered = checked.files.map((file) => {
      const bytes = byPath.get(file.path);
      if (bytes === undefined || bytes.byteLength !== file.bytes || sha256Hex(bytes) !== file.sha256) {
        throw new RegistryError(
          "CORRUPT",
          `File ${file.path} of ${checked.name}@${checked.version} to copy is missing or does not hash to ${file.sha256}; nothing was copied.`,
        );
      }
      return { path: file.path, bytes };
    });
    await this.store.checkWritable();
    try {
      const request = { manifest: checked, files: ordered, aliases: [], version: checked.version };
      const { version, warnings } = await this.store.publish(request);
      return { ...(await readVersion(this.store, checked.name, version)), warnings };
    } catch (error) {
      throw this.store.describeWriteFailure(error, "nothing was copied");
    }
  }

  /** Removes what publishes that died left behind; never anything a version lists. */
  async collectGarbage(): Promise<GarbageReport> {
    await this.store.checkWritable();
    return this.store.collectGarbage();
  }

  /** Releases the store's connections (a database's pool); a folder holds none. */
  async close(): Promise<void> {
    await this.store.close();
  }

  private async changeAliases(name: string, change: (aliases: Aliases) => Aliases): Promise<AliasUpdate> {
    try {
      return await this.store.updateAliases(name, change);
    } catch (error) {
      throw this.store.describeWriteFailure(error, "the aliases were not changed");
    }
  }
}
