import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
  }
  throw new Error(`No pnpm-workspace.yaml above ${start}.`);
}

export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
export const PACKAGE_DIR = join(REPO_ROOT, "packages", "gpu-kit");
/** The kit, ignored by git; the device tool carries it with `carry: [".gpu-kit"]`. */
export const KIT_DIR = join(REPO_ROOT, ".gpu-kit");
/** Downloads and slow compressions kept between builds (node_modules is ignored and never travels). */
export const CACHE_DIR = join(REPO_ROOT, "node_modules", ".cache", "gpu-kit");
/** The limit for the kit. */
export const KIT_SIZE_LIMIT = 60 * 2 ** 20;
/** What the device tool sends per call: the working tree (tracked and untracked, not ignored) and carried paths. */
export const TRAVEL_LIMIT = 64 * 2 ** 20;
