import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { defaultRegistryLocation, findRepoRoot, isDatabaseLocation } from "@ganvas/registry";
import { FOLDER_PREFIX } from "./data/folder-dataset";

/**
 * The folder the user ran the command in: `pnpm --filter trainer start` runs the CLI in apps/trainer and
 * names the user's folder in INIT_CWD; started any other way, the working directory.
 */
export function userCwd(): string {
  return process.env.INIT_CWD || process.cwd();
}

/** A path the user gave (a flag, an environment variable), made absolute against the user's folder. */
export function userPath(path: string): string {
  return resolve(userCwd(), path);
}

/** A `--data` spec with the path of `folder:<path>` made absolute; names of data sets pass unchanged. */
export function userDataSpec(spec: string): string {
  const path = spec.startsWith(FOLDER_PREFIX) ? spec.slice(FOLDER_PREFIX.length) : "";
  return path === "" ? spec : `${FOLDER_PREFIX}${userPath(path)}`;
}

/** A registry the user named: a postgres:// URL as it is, a folder made absolute against the user's folder. */
export function userRegistry(location: string): string {
  return isDatabaseLocation(location) ? location.trim() : userPath(location);
}

/**
 * The registry when no --registry is given: $GANVAS_REGISTRY (a folder taken from the user's folder, or a
 * postgres:// URL), else the repo's own registry/ wherever the user runs from (so the viewer sees what was trained).
 */
export function defaultRegistry(): string {
  const configured = process.env.GANVAS_REGISTRY?.trim();
  return defaultRegistryLocation({ env: configured ? { GANVAS_REGISTRY: userRegistry(configured) } : {} });
}

/**
 * Where training runs keep their checkpoints, on this machine's disk whatever the registry: --runs, else
 * $GANVAS_RUNS, else the registry folder's runs/ (as before there was a database registry), else the repo's runs/.
 */
export function defaultRunsRoot(registry: string): string {
  const configured = process.env.GANVAS_RUNS?.trim();
  if (configured) return userPath(configured);
  if (!isDatabaseLocation(registry)) return join(registry, "runs");
  return join(findRepoRoot(userCwd()) ?? userCwd(), "runs");
}

/** Where downloaded data sets are kept between runs: $GANVAS_CACHE, else $XDG_CACHE_HOME/ganvas, else ~/.cache/ganvas. */
export function defaultCacheDir(): string {
  const configured = process.env.GANVAS_CACHE;
  return configured ? userPath(configured) : join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "ganvas");
}
