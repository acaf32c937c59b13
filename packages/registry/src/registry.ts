import { resolve as resolvePath } from "node:path";
import { type AliasUpdate, type Aliases, inspectAliases, updateAliases } from "./aliases";
import { aliasCommand } from "./damage";
import { type Damage, RegistryError } from "./errors";
import {
  type ResolvedFile,
  type VerifiedFile,
  readVersionFile,
  resolveVersionFile,
  verifyVersionHashes,
} from "./files";
import { type ModelSummary, listModel } from "./listing";
import { assertAliasName, assertModelName, assertVersionNumber, parseRef } from "./names";
import { type PublishInput, publishVersion } from "./publish";
import { type Quality, writeQuality } from "./quality";
import { type VersionRecord, listModelNames, readVersion, requireVersions, resolveVersionNumber } from "./read";
import { checkReadableRoot, checkWritableRoot, storageError } from "./storage";

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
 * A folder of named models with numbered versions and mutable aliases (paths.ts has the layout). A version's
 * files never change once published; its manifest's `metrics.quality` may (see {@link setQuality}). Safe to use
 * from several processes at once.
 */
export class Registry {
  readonly root: string;

  constructor(root: string) {
    this.root = resolvePath(root);
  }

  /** Every model with its intact versions; damaged versions are skipped and reported in `problems`. */
  async listModels(): Promise<ModelSummary[]> {
    await checkReadableRoot(this.root);
    const names = await listModelNames(this.root);
    return Promise.all(names.map((name) => listModel(this.root, name)));
  }

  /** One model as {@link listModels} lists it; NOT_FOUND if it has no version folders. */
  async listModel(name: string): Promise<ModelSummary> {
    assertModelName(name);
    await checkReadableRoot(this.root);
    await requireVersions(this.root, name);
    return listModel(this.root, name);
  }

  /** Versions in ascending order; NOT_FOUND if the model has none, CORRUPT if any is damaged (see listModel). */
  async listVersions(name: string): Promise<VersionRecord[]> {
    assertModelName(name);
    await checkReadableRoot(this.root);
    const versions = await requireVersions(this.root, name);
    const { aliases } = await inspectAliases(this.root, name);
    return Promise.all(versions.map((version) => readVersion(this.root, name, version, aliases)));
  }

  /** `name` (= latest), `name@3`, `name@latest`, `name@best`, `name@<alias>`. */
  async resolve(ref: string): Promise<VersionRecord> {
    const parsed = parseRef(ref);
    await checkReadableRoot(this.root);
    const { aliases, damage } = await inspectAliases(this.root, parsed.name);
    const { target } = parsed;
    if (damage !== undefined && target.kind === "alias" && aliases[target.alias] === undefined) {
      await requireVersions(this.root, parsed.name);
      throw unreadableAlias(parsed.name, target.alias, damage);
    }
    const version = await resolveVersionNumber(this.root, parsed, aliases);
    return readVersion(this.root, parsed.name, version, aliases);
  }

  /** Checks, creating nothing, that the registry is (or can become) a folder that accepts writes. */
  async checkWritable(): Promise<void> {
    await checkWritableRoot(this.root);
  }

  async publish(input: PublishInput): Promise<PublishedVersion> {
    await checkWritableRoot(this.root);
    try {
      const { version, warnings } = await publishVersion(this.root, input);
      return { ...(await readVersion(this.root, input.name, version)), warnings };
    } catch (error) {
      throw storageError(this.root, error, "nothing was published (its partial files were removed)");
    }
  }

  /** Points an alias (including `latest` or `best`) at an existing version; repairs a damaged aliases.json. */
  async setAlias(name: string, alias: string, version: number): Promise<AliasUpdate> {
    assertModelName(name);
    assertAliasName(alias);
    assertVersionNumber(version);
    await checkWritableRoot(this.root);
    await resolveVersionNumber(this.root, { name, target: { kind: "version", version } }, {});
    return this.changeAliases(name, (aliases) => ({ ...aliases, [alias]: version }));
  }

  async removeAlias(name: string, alias: string): Promise<AliasUpdate> {
    assertModelName(name);
    assertAliasName(alias);
    await checkWritableRoot(this.root);
    await requireVersions(this.root, name);
    return this.changeAliases(name, (aliases) => {
      if (aliases[alias] === undefined) {
        const known = Object.keys(aliases).join(", ") || "none";
        throw new RegistryError("NOT_FOUND", `Model "${name}" has no alias "${alias}" to remove. Aliases: ${known}.`);
      }
      delete aliases[alias];
      return aliases;
    });
  }

  /** A file listed in a version's manifest, checked to stay inside the registry and to have its size. */
  async resolveFile(name: string, version: number, relPath: string): Promise<ResolvedFile> {
    await checkReadableRoot(this.root);
    return resolveVersionFile(this.root, name, version, relPath);
  }

  /** A file's bytes, checked against the manifest's sha256: how models are loaded. CORRUPT if they differ. */
  async readFile(name: string, version: number, relPath: string): Promise<VerifiedFile> {
    await checkReadableRoot(this.root);
    return readVersionFile(this.root, name, version, relPath);
  }

  /**
   * Records (or replaces) a version's quality score: the only change a published version accepts. It rewrites
   * the version's manifest.json with `metrics.quality` set and everything else as it was; the version's files,
   * their hashes and the other manifest fields never change. The rewrite is atomic and holds the model's lock.
   */
  async setQuality(name: string, version: number, quality: Quality): Promise<VersionRecord> {
    assertModelName(name);
    assertVersionNumber(version);
    await checkWritableRoot(this.root);
    try {
      await writeQuality(this.root, name, version, quality);
    } catch (error) {
      throw storageError(this.root, error, "the quality score was not recorded");
    }
    return readVersion(this.root, name, version);
  }

  /** Re-hashes every file of a version; CORRUPT naming the first file whose sha256 differs. */
  async verifyVersion(name: string, version: number): Promise<VersionRecord> {
    await checkReadableRoot(this.root);
    return verifyVersionHashes(this.root, name, version);
  }

  private async changeAliases(name: string, change: (aliases: Aliases) => Aliases): Promise<AliasUpdate> {
    try {
      return await updateAliases(this.root, name, change);
    } catch (error) {
      throw storageError(this.root, error, "the aliases were not changed");
    }
  }
}
