import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The folder holding pnpm-workspace.yaml at or above `start`, if any. */
export function findRepoRoot(start: string): string | undefined {
  let current = resolve(start);
  for (;;) {
    if (existsSync(join(current, "pnpm-workspace.yaml"))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Whether a registry location names a PostgreSQL database (postgres:// or postgresql://) rather than a folder. */
export function isDatabaseLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/**
 * `$GANVAS_REGISTRY` if set (a folder, resolved against `cwd`, or a postgres:// URL as it is), else
 * `<repo root>/registry` so that every app and the trainer share one registry whatever folder they run from;
 * outside the repo, `./registry`.
 */
export function defaultRegistryLocation(options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const configured = env.GANVAS_REGISTRY?.trim();
  if (configured !== undefined && configured !== "") {
    return isDatabaseLocation(configured) ? configured : resolve(cwd, configured);
  }
  return join(findRepoRoot(cwd) ?? resolve(cwd), "registry");
}
