import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BenchResults } from "./results";

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
