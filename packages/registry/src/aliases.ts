import { mkdir, readFile } from "node:fs/promises";
import { z } from "zod";
import { writeJsonAtomic } from "./atomic";
import { RegistryError, errnoCode } from "./errors";
import { withLock } from "./lock";
import { isAliasName } from "./names";
import { layout } from "./paths";

export type Aliases = Record<string, number>;

const aliasesSchema = z.record(z.string().refine(isAliasName, "is not a valid alias name"), z.int().min(1));

export async function readAliases(root: string, name: string): Promise<Aliases> {
  const path = layout.aliases(root, name);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return {};
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RegistryError("CORRUPT", `Alias file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = aliasesSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.map(String).join(".") || "(top level)"}: ${issue.message}`);
    throw new RegistryError("CORRUPT", `Alias file ${path} is invalid: ${problems.join("; ")}`);
  }
  return result.data;
}

/**
 * Read-modify-write of aliases.json under a cross-process lock, so that two processes setting
 * different aliases at once both keep their change; the file itself is replaced atomically.
 */
export async function updateAliases(root: string, name: string, change: (aliases: Aliases) => Aliases): Promise<Aliases> {
  await mkdir(layout.model(root, name), { recursive: true });
  return withLock(layout.aliasesLock(root, name), `the aliases of ${name}`, async () => {
    const next = change({ ...(await readAliases(root, name)) });
    const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
    await writeJsonAtomic(layout.aliases(root, name), sorted);
    return sorted;
  });
}

/** Names of the aliases that point at `version`, sorted. */
export function aliasesOf(aliases: Aliases, version: number): string[] {
  return Object.keys(aliases)
    .filter((alias) => aliases[alias] === version)
    .sort();
}
