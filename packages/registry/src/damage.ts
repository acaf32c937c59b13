import { RegistryError } from "./errors";

/** Where a version lives: enough to name it and the folder a user would delete. */
export type VersionLocation = { name: string; version: number; dir: string };

/** The command that points an alias at a version (the trainer's CLI). */
export function aliasCommand(name: string, version: number | string, alias: string): string {
  return `registry alias ${name} ${version} ${alias}`;
}

/** What a user can do about a damaged version: versions are immutable, so it is removed, never rewritten. */
export function damagedVersionRemedy(owner: VersionLocation): string {
  return (
    `Versions are immutable, so ${owner.name}@${owner.version} cannot be repaired in place: restore the file from a backup, ` +
    `or delete the folder ${owner.dir} and use another version (re-point an alias with: ${aliasCommand(owner.name, "<version>", "<alias>")}).`
  );
}

/**
 * A version whose files do not match its manifest. `subject` names the file for people ("File weights.bin of
 * digits@1 (/path)"), `path` is where it is, `problem` what is wrong ("is missing").
 */
export function versionDamage(
  owner: VersionLocation,
  file: { subject: string; path: string },
  problem: string,
  code: "CORRUPT" | "FORBIDDEN" = "CORRUPT",
): RegistryError {
  return new RegistryError(code, `${file.subject} ${problem}. ${damagedVersionRemedy(owner)}`, {
    damage: { file: file.path, problem },
  });
}

/** A file listed in a version's manifest, for {@link versionDamage}. */
export function listedFile(
  owner: VersionLocation,
  relativePath: string,
  absolutePath: string,
): { subject: string; path: string } {
  return { subject: `File ${relativePath} of ${owner.name}@${owner.version} (${absolutePath})`, path: absolutePath };
}
