import { RegistryError } from "./errors";
import type { VersionLocation } from "./store";

/** The command that points an alias at a version (the trainer's CLI). */
export function aliasCommand(name: string, version: number | string, alias: string): string {
  return `registry alias ${name} ${version} ${alias}`;
}

/**
 * A version whose files do not match its manifest. `subject` names the file for people ("File weights.bin of
 * digits@1 (/path)"), `path` is where it is, `problem` what is wrong ("is missing"), `remedy` what to do (the
 * store's: versions are immutable, so a damaged one is restored or removed, never rewritten).
 */
export function versionDamage(
  owner: VersionLocation,
  file: { subject: string; path: string },
  problem: string,
  remedy: string,
  code: "CORRUPT" | "FORBIDDEN" = "CORRUPT",
): RegistryError {
  return new RegistryError(code, `${file.subject} ${problem}. ${remedy}`, {
    damage: { file: file.path, problem },
  });
}

/** A file listed in a version's manifest, for {@link versionDamage}. */
export function listedFile(
  owner: VersionLocation,
  relativePath: string,
  location: string,
): { subject: string; path: string } {
  return { subject: `File ${relativePath} of ${owner.name}@${owner.version} (${location})`, path: location };
}
