import { isAbsolute, join, relative, sep } from "node:path";

/** Where everything lives under a registry root (the README's "The registry" shows the tree). Names must be validated first. */
export const layout = {
  models: (root: string) => join(root, "models"),
  model: (root: string, name: string) => join(root, "models", name),
  versions: (root: string, name: string) => join(root, "models", name, "versions"),
  version: (root: string, name: string, version: number) => join(root, "models", name, "versions", String(version)),
  aliases: (root: string, name: string) => join(root, "models", name, "aliases.json"),
  // Guards a model's aliases.json and its manifests' rewrites (setQuality); the file keeps its first name so
  // processes of every version of this code still exclude each other.
  modelLock: (root: string, name: string) => join(root, "models", name, "aliases.lock"),
  staging: (root: string, name: string) => join(root, "models", name, ".staging"),
};

export const MANIFEST_FILE = "manifest.json";

/**
 * Files inside a version are plain relative paths: '/'-separated segments of letters, digits, '.', '_'
 * and '-' that do not start with a dot. That rules out '..', hidden files, absolute paths, backslashes,
 * NUL and percent-encoding in one rule.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const MAX_PATH_LENGTH = 512;

export function isSafeRelativePath(path: string): boolean {
  return path.length <= MAX_PATH_LENGTH && path.split("/").every((segment) => SAFE_SEGMENT.test(segment));
}

function escapeReason(path: string): string | undefined {
  if (path.includes("\0")) return "contains a NUL byte";
  if (path.includes("\\")) return "contains a backslash";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "is absolute";
  if (path.split("/").includes("..")) return "contains a '..' segment";
  return undefined;
}

/**
 * Why a requested path looks like an attempt to leave the version folder, checking it as given and
 * after percent-decoding (callers may hand over raw URL segments or decoded ones; double encoding too).
 */
export function forbiddenPathReason(requested: string): string | undefined {
  let current = requested;
  for (let round = 0; round < 4; round += 1) {
    const reason = escapeReason(current);
    if (reason !== undefined) return round === 0 ? reason : `${reason} once percent-decoded`;
    if (!current.includes("%")) return undefined;
    try {
      current = decodeURIComponent(current);
    } catch {
      return "has malformed percent-encoding";
    }
  }
  return "is percent-encoded too many times";
}

/** Whether a real (symlink-free) path lies strictly inside the real registry root. */
export function isInsideRoot(realRoot: string, real: string): boolean {
  const fromRoot = relative(realRoot, real);
  return !(fromRoot === "" || fromRoot === ".." || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot));
}
