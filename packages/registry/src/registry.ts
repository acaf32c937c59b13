import { resolve as resolvePath } from "node:path";
import { type Aliases, readAliases, updateAliases } from "./aliases";
import { RegistryError } from "./errors";
import { type ResolvedFile, resolveVersionFile, verifyVersionHashes } from "./files";
import { assertAliasName, assertModelName, assertVersionNumber, parseRef } from "./names";
import { type PublishInput, publishVersion } from "./publish";
import { type Quality, writeQuality } from "./quality";
import { type VersionRecord, listModelNames, readVersion, requireVersions, resolveVersionNumber } from "./read";

export type ModelSummary = { name: string; aliases: Record<string, number>; versions: VersionRecord[] };

/**
 * A folder of named models with immutable numbered versions and mutable aliases (see contracts.md for
 * the layout). Safe to use from several processes at once.
 */
export class Registry {
  readonly root: string;

  constructor(root: string) {
    this.root = resolvePath(root);
  }

  async listModels(): Promise<ModelSummary[]> {
    const names = await listModelNames(this.root);
    return Promise.all(
      names.map(async (name) => {
        const aliases = await readAliases(this.root, name);
        return { name, aliases, versions: await this.readVersions(name, aliases) };
      }),
    );
  }

  /** Versions in ascending order; NOT_FOUND if the model has none. */
  async listVersions(name: string): Promise<VersionRecord[]> {
    assertModelName(name);
    return this.readVersions(name, await readAliases(this.root, name));
  }

  /** `name` (= latest), `name@3`, `name@latest`, `name@best`, `name@<alias>`. */
  async resolve(ref: string): Promise<VersionRecord> {
    const parsed = parseRef(ref);
    const aliases = await readAliases(this.root, parsed.name);
    const version = await resolveVersionNumber(this.root, parsed, aliases);
    return readVersion(this.root, parsed.name, version, aliases);
  }

  async publish(input: PublishInput): Promise<VersionRecord> {
    const version = await publishVersion(this.root, input);
    return readVersion(this.root, input.name, version);
  }

  /** Points an alias (including `latest` or `best`) at an existing version. */
  async setAlias(name: string, alias: string, version: number): Promise<Aliases> {
    assertModelName(name);
    assertAliasName(alias);
    assertVersionNumber(version);
    await resolveVersionNumber(this.root, { name, target: { kind: "version", version } }, {});
    return updateAliases(this.root, name, (aliases) => ({ ...aliases, [alias]: version }));
  }

  async removeAlias(name: string, alias: string): Promise<Aliases> {
    assertModelName(name);
    assertAliasName(alias);
    await requireVersions(this.root, name);
    return updateAliases(this.root, name, (aliases) => {
      if (aliases[alias] === undefined) {
        const known = Object.keys(aliases).join(", ") || "none";
        throw new RegistryError("NOT_FOUND", `Model "${name}" has no alias "${alias}" to remove. Aliases: ${known}.`);
      }
      delete aliases[alias];
      return aliases;
    });
  }

  /** A file listed in a version's manifest, checked to stay inside the registry; for serving. */
  async resolveFile(name: string, version: number, relPath: string): Promise<ResolvedFile> {
    return resolveVersionFile(this.root, name, version, relPath);
  }

  /** Records (or replaces) a version's quality score; the only change a published version accepts. */
  async setQuality(name: string, version: number, quality: Quality): Promise<VersionRecord> {
    assertModelName(name);
    assertVersionNumber(version);
    await writeQuality(this.root, name, version, quality);
    return readVersion(this.root, name, version, await readAliases(this.root, name));
  }

  /** Re-hashes every file of a version; CORRUPT naming the first file whose sha256 differs. */
  async verifyVersion(name: string, version: number): Promise<VersionRecord> {
    return verifyVersionHashes(this.root, name, version);
  }

  private async readVersions(name: string, aliases: Aliases): Promise<VersionRecord[]> {
    const versions = await requireVersions(this.root, name);
    return Promise.all(versions.map((version) => readVersion(this.root, name, version, aliases)));
  }
}
