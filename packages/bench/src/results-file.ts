import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { BenchResults } from "./results";

/** Writes `value` as JSON to `path`, never leaving half a file. */
export async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeAtomically(path, `${JSON.stringify(value, null, 2)}\n`);
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path); // a reader never sees half a file
}

/** Writes `<dir>/<timestamp>.json` and `<dir>/latest.json`; returns the timestamped path. */
export async function saveResults(directory: string, results: BenchResults): Promise<string> {
  await mkdir(directory, { recursive: true });
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const stamped = join(directory, `${results.startedAt.replaceAll(":", "-").replace(/\.\d+Z$/, "Z")}.json`);
  await writeAtomically(stamped, text);
  await writeAtomically(join(directory, "latest.json"), text);
  return stamped;
}
