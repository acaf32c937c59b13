import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root: the nearest folder above this package that holds pnpm-workspace.yaml. */
export function repoRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, "pnpm-workspace.yaml"))) {
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error("pnpm-workspace.yaml not found above packages/bench: run the bench inside the Ganvas repo.");
    directory = parent;
  }
  return directory;
}
