import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";

export type KitFile = { path: string; bytes: number; sha256: string };

/** Every file under `dir` with its size and SHA-256, sorted by path. */
export async function listFiles(dir: string): Promise<KitFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        const bytes = await readFile(path);
        return {
          path: relative(dir, path),
          bytes: (await stat(path)).size,
          sha256: createHash("sha256").update(bytes).digest("hex"),
        };
      }),
  );
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
