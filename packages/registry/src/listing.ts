import { type Aliases, inspectAliases } from "./aliases";
import { aliasCommand } from "./damage";
import { errnoCode, isRegistryError } from "./errors";
import { layout } from "./paths";
import { type VersionRecord, danglingAlias, listVersionNumbers, readVersion } from "./read";

/** Something a listing skipped or could not trust: a damaged version (file and problem), or a model's aliases. */
export type RegistryProblem = {
  name: string;
  /** The damaged version; null for a problem with the model's aliases. */
  version: number | null;
  /** The file on disk that is damaged (absolute path). */
  file: string;
  /** What is wrong with it: "is missing", "has sha256 ... but the manifest records ...". */
  problem: string;
  /** The whole message, with what the user can do about it. */
  message: string;
};

export type ModelSummary = {
  name: string;
  aliases: Aliases;
  /** The intact versions, ascending. */
  versions: VersionRecord[];
  /** Damaged versions (skipped), then problems with aliases. */
  problems: RegistryProblem[];
};

/** The problem a damage error describes, for a listing; undefined for any other error. */
function asProblem(name: string, version: number | null, error: unknown): RegistryProblem | undefined {
  if (!isRegistryError(error) || error.damage === undefined) return undefined;
  return { name, version, ...error.damage, message: error.message };
}

type VersionOutcome = { record: VersionRecord } | { problem: RegistryProblem } | { gone: true };

async function readForListing(root: string, name: string, version: number, aliases: Aliases): Promise<VersionOutcome> {
  try {
    return { record: await readVersion(root, name, version, aliases) };
  } catch (error) {
    const problem = asProblem(name, version, error);
    if (problem !== undefined) return { problem };
    // Deleted between listing the folder and reading it.
    if (isRegistryError(error, "NOT_FOUND")) return { gone: true };
    const code = errnoCode(error);
    if (code === undefined) throw error;
    const what = `could not be read (${(error as Error).message})`;
    const file = layout.version(root, name, version);
    return {
      problem: {
        name,
        version,
        file,
        problem: what,
        message: `${name}@${version} ${what}; it is left out of the listing.`,
      },
    };
  }
}

/** A model's intact versions, with every damaged version and alias problem reported instead of thrown. */
export async function listModel(root: string, name: string): Promise<ModelSummary> {
  const { aliases, damage } = await inspectAliases(root, name);
  const numbers = await listVersionNumbers(root, name);
  const outcomes = await Promise.all(numbers.map((version) => readForListing(root, name, version, aliases)));
  const versions = outcomes.flatMap((outcome) => ("record" in outcome ? [outcome.record] : []));
  const problems = outcomes.flatMap((outcome) => ("problem" in outcome ? [outcome.problem] : []));

  if (damage !== undefined) {
    const message =
      `The alias file ${damage.file} ${damage.problem}; only its valid entries are used. ` +
      `Point an alias again to rebuild it (${aliasCommand(name, "<version>", "<alias>")}); the next publish also rebuilds it.`;
    problems.push({ name, version: null, ...damage, message });
  }
  for (const alias of Object.keys(aliases).sort()) {
    const pointed = aliases[alias] as number;
    if (numbers.includes(pointed)) continue;
    const problem = asProblem(name, null, danglingAlias(root, name, alias, pointed, numbers));
    if (problem !== undefined) problems.push(problem);
  }
  return { name, aliases, versions, problems };
}
