/**
 * Every failure the registry reports on purpose carries a code, so callers (the HTTP layer, the CLI)
 * can map it to a status or exit code without parsing messages.
 */
export type RegistryErrorCode =
  | "NOT_FOUND" // no such model, version, alias or file
  | "INVALID" // the caller passed a malformed name, ref, path or manifest
  | "CORRUPT" // something on disk does not match what the registry wrote
  | "FORBIDDEN" // a path that would leave the version folder or the registry root
  | "CONFLICT" // could not claim a version number or lock after many tries
  | "UNWRITABLE" // the registry folder cannot be written: read-only, no permission, or a full disk
  | "UNAVAILABLE"; // the registry's database or bucket cannot be reached or refuses this account

/** The file on disk a CORRUPT (or dangling-alias) error is about, and what is wrong with it. */
export type Damage = { file: string; problem: string };

export class RegistryError extends Error {
  override readonly name = "RegistryError";
  /** Set when the error is about damage on disk, so that listings can report it and go on. */
  readonly damage: Damage | undefined;

  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    options?: { cause?: unknown; damage?: Damage },
  ) {
    super(message, options);
    this.damage = options?.damage;
  }
}

export function isRegistryError(error: unknown, code?: RegistryErrorCode): error is RegistryError {
  return error instanceof RegistryError && (code === undefined || error.code === code);
}

/** Node's errno code of a failed fs call, if any. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}
