import { RegistryError } from "./errors";

/** Model names double as folder names: lower case, no separators, bounded length. */
export const MODEL_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Version folders are plain positive integers without leading zeros. */
const VERSION_PATTERN = /^[1-9][0-9]*$/;
const ALL_DIGITS = /^[0-9]+$/;

export function isModelName(name: string): boolean {
  return MODEL_NAME_PATTERN.test(name);
}

/** Alias names share the model name rules but cannot be all digits: `name@3` must stay a version. */
export function isAliasName(alias: string): boolean {
  return MODEL_NAME_PATTERN.test(alias) && !ALL_DIGITS.test(alias);
}

export function assertModelName(name: string): void {
  if (!isModelName(name)) {
    throw new RegistryError(
      "INVALID",
      `Invalid model name ${JSON.stringify(name)}: use 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit.`,
    );
  }
}

export function assertAliasName(alias: string): void {
  if (!isAliasName(alias)) {
    throw new RegistryError(
      "INVALID",
      `Invalid alias ${JSON.stringify(alias)}: use 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit, and not only digits.`,
    );
  }
}

/** Whether a value is a version number: a whole number from 1. */
export function isVersionNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 1;
}

/** Whether text names a numbered version (`3`, not `03`, `0` or an alias): the one check for URL segments and folders. */
export function isVersionText(text: string): boolean {
  return VERSION_PATTERN.test(text);
}

export function assertVersionNumber(version: number): void {
  if (!isVersionNumber(version)) {
    throw new RegistryError("INVALID", `Invalid version ${String(version)}: versions are whole numbers from 1.`);
  }
}

/** Parses a version folder name; undefined for anything that is not one (e.g. stray files). */
export function parseVersionFolder(folder: string): number | undefined {
  return isVersionText(folder) ? Number(folder) : undefined;
}

export type RefTarget = { kind: "version"; version: number } | { kind: "alias"; alias: string };
export type ParsedRef = { name: string; target: RefTarget };

/** `name`, `name@3`, `name@latest`, `name@<alias>`; a bare name means `latest`. */
export function parseRef(ref: string): ParsedRef {
  const at = ref.indexOf("@");
  const name = at === -1 ? ref : ref.slice(0, at);
  assertModelName(name);
  if (at === -1) return { name, target: { kind: "alias", alias: "latest" } };

  const selector = ref.slice(at + 1);
  if (ALL_DIGITS.test(selector)) {
    const version = parseVersionFolder(selector);
    if (version === undefined) {
      throw new RegistryError(
        "INVALID",
        `Invalid version in ${JSON.stringify(ref)}: versions are whole numbers from 1 without leading zeros.`,
      );
    }
    return { name, target: { kind: "version", version } };
  }
  if (!isAliasName(selector)) {
    throw new RegistryError(
      "INVALID",
      `Invalid reference ${JSON.stringify(ref)}: expected "name", "name@<version>" or "name@<alias>".`,
    );
  }
  return { name, target: { kind: "alias", alias: selector } };
}
