import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** What a stage left behind: its JSON, or why there is none (the stage failed, timed out or never ran). */
export type Read<T> = ({ ok: true } & T) | { ok: false; error: string };

export function readJson<T extends object>(path: string): Read<T> {
  if (!existsSync(path))
    return { ok: false, error: `no ${path.split("/").pop()} (the stage did not finish; see run.log)` };
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as T & { ok?: boolean; error?: string };
    if (value.ok === false) return { ok: false, error: value.error ?? "failed" };
    return { ...value, ok: true };
  } catch (error) {
    return { ok: false, error: `${path} is not JSON: ${String(error)}` };
  }
}

/** run.sh's stage table: one line per stage, tab-separated name, status, exit code, seconds, note. */
export type StageRow = { name: string; status: string; exitCode: number | null; seconds: number; note: string };

export function readStages(path: string): StageRow[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [name = "", status = "", exitCode = "", seconds = "", note = ""] = line.split("\t");
      return { name, status, exitCode: exitCode === "" ? null : Number(exitCode), seconds: Number(seconds), note };
    });
}

/** run.sh's `key=value` notes about the machine and the Vulkan set-up. */
export function readKeyValues(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const entries = readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.match(/^([A-Za-z0-9_]+)=(.*)$/))
    .filter((match): match is RegExpMatchArray => match !== null)
    .map((match) => [match[1]!, match[2]!] as const);
  return Object.fromEntries(entries);
}

/** The newest published version folder of a model in a registry, if any. */
export function latestVersionDir(registry: string, model: string): string | null {
  const versions = join(registry, "models", model, "versions");
  if (!existsSync(versions)) return null;
  const numbers = readdirSync(versions)
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  return numbers.length === 0 ? null : join(versions, String(Math.max(...numbers)));
}

/** The run folder the trainer made for a model (registry/runs/<model>-<stamp>-<pid>), if any. */
export function runDir(registry: string, model: string): string | null {
  const runs = join(registry, "runs");
  if (!existsSync(runs)) return null;
  const found = readdirSync(runs)
    .filter((name) => name.startsWith(`${model}-`))
    .sort();
  return found.length === 0 ? null : join(runs, found[found.length - 1]!);
}

/** A JSON array file (the trainer's losses.json), or [] when it is missing or unreadable. */
export function readJsonArray<T>(path: string): T[] {
  try {
    const value: unknown = JSON.parse(readFileSync(path, "utf8"));
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
