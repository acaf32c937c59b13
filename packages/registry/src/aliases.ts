import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { writeJsonAtomic } from "./atomic";
import { aliasCommand } from "./damage";
import { type Damage, errnoCode } from "./errors";
import { withLock } from "./lock";
import { isAliasName, isVersionNumber } from "./names";
import { layout } from "./paths";

export type Aliases = Record<string, number>;

/** A model's aliases as far as aliases.json can be read, and what is wrong with the file if anything. */
export type AliasFile = { aliases: Aliases; damage?: Damage };

/** The result of a change to aliases.json, with anything the registry had to repair on the way. */
export type AliasUpdate = { aliases: Aliases; warnings: string[] };

/**
 * Reads aliases.json without failing on damage: a file that is not valid JSON yields no aliases, a file with
 * some invalid entries yields the valid ones; `damage` says what is wrong. A missing file is no aliases.
 */
export async function inspectAliases(root: string, name: string): Promise<AliasFile> {
  const path = layout.aliases(root, name);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return { aliases: {} };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { aliases: {}, damage: { file: path, problem: `is not valid JSON (${(error as Error).message})` } };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { aliases: {}, damage: { file: path, problem: "is not an object of alias names and version numbers" } };
  }
  const aliases: Aliases = {};
  const invalid: string[] = [];
  for (const [alias, version] of Object.entries(value)) {
    if (isAliasName(alias) && isVersionNumber(version)) aliases[alias] = version;
    else invalid.push(`${JSON.stringify(alias)}: ${JSON.stringify(version)}`);
  }
  if (invalid.length === 0) return { aliases };
  return { aliases, damage: { file: path, problem: `has invalid entries (${invalid.join(", ")})` } };
}

/** `best -> 2, latest -> 3`, or `none`. */
export function describeAliases(aliases: Aliases): string {
  const entries = Object.entries(aliases).map(([alias, version]) => `${alias} -> ${version}`);
  return entries.length > 0 ? entries.join(", ") : "none";
}

function sortAliases(aliases: Aliases): Aliases {
  return Object.fromEntries(Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b)));
}

/** Copies a damaged aliases.json aside (never overwriting an earlier copy) so that no alias is lost for good. */
async function keepDamagedCopy(path: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const copy = `${path}.damaged-${stamp}-${randomBytes(3).toString("hex")}`;
  await copyFile(path, copy, constants.COPYFILE_EXCL);
  return copy;
}

/**
 * Read-modify-write of aliases.json under a cross-process lock, so that two processes setting different
 * aliases at once both keep their change; the file itself is replaced atomically. A damaged file is copied
 * aside and rebuilt from its valid entries, and the returned warnings say so.
 */
export async function updateAliases(
  root: string,
  name: string,
  change: (aliases: Aliases) => Aliases | Promise<Aliases>,
): Promise<AliasUpdate> {
  await mkdir(layout.model(root, name), { recursive: true });
  return withLock(layout.modelLock(root, name), `the aliases of ${name}`, async () => {
    const { aliases: current, damage } = await inspectAliases(root, name);
    const warnings: string[] = [];
    if (damage !== undefined) {
      const copy = await keepDamagedCopy(damage.file);
      warnings.push(
        `The alias file ${damage.file} ${damage.problem}; kept it as ${copy} and rebuilt it from the entries still valid ` +
          `(${describeAliases(current)}). Re-point any other alias it held with: ${aliasCommand(name, "<version>", "<alias>")}.`,
      );
    }
    const next = sortAliases(await change({ ...current }));
    if (damage !== undefined || JSON.stringify(next) !== JSON.stringify(sortAliases(current))) {
      await writeJsonAtomic(layout.aliases(root, name), next);
    }
    return { aliases: next, warnings };
  });
}

/** Names of the aliases that point at `version`, sorted. */
export function aliasesOf(aliases: Aliases, version: number): string[] {
  return Object.keys(aliases)
    .filter((alias) => aliases[alias] === version)
    .sort();
}
