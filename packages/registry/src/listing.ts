import { type Aliases, aliasesOf } from "./aliases";
import { aliasCommand } from "./damage";
import { errnoCode, isRegistryError } from "./errors";
import type { Manifest } from "./manifest";
import { type VersionRecord, danglingAlias, versionOwner } from "./read";
import type { RegistryStore, VersionLocation } from "./store";

/** Something a listing skipped or could not trust: a damaged version (file and problem), or a model's aliases. */
export type RegistryProblem = {
  name: string;
  /** The damaged version; null for a problem with the model's aliases. */
  version: number | null;
  /** Where the damaged thing is stored (a path, or a bucket key). */
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

/** A damage error, or a read that failed (permissions, I/O), as a problem; undefined for anything else. */
function readProblem(owner: VersionLocation, error: unknown): RegistryProblem | undefined {
  const { name, version, dir } = owner;
  const damage = asProblem(name, version, error);
  if (damage !== undefined || errnoCode(error) === undefined) return damage;
  const what = `could not be read (${(error as Error).message})`;
  return {
    name,
    version,
    file: dir,
    problem: what,
    message: `${name}@${version} ${what}; it is left out of the listing.`,
  };
}

type ManifestOutcome = { owner: VersionLocation; manifest: Manifest } | { problem: RegistryProblem } | { gone: true };

/** A version's manifest, or the problem that keeps it out of the listing. */
function manifestForListing(owner: VersionLocation, read: Manifest | Error): ManifestOutcome {
  if (!(read instanceof Error)) return { owner, manifest: read };
  const problem = readProblem(owner, read);
  if (problem !== undefined) return { problem };
  // Deleted between listing the versions and reading this one.
  if (isRegistryError(read, "NOT_FOUND")) return { gone: true };
  throw read;
}

/** A model's intact versions, with every damaged version and alias problem reported instead of thrown. */
export async function listModel(store: RegistryStore, name: string): Promise<ModelSummary> {
  const { aliases, damage } = await store.inspectAliases(name);
  const numbers = await store.listVersionNumbers(name);
  const owners = numbers.map((version) => versionOwner(store, name, version));
  const manifests = await store.readManifests(owners);
  const outcomes = owners.map((owner, index) => manifestForListing(owner, manifests[index] ?? new Error("no answer")));
  const readable = outcomes.flatMap((outcome) => ("manifest" in outcome ? [outcome] : []));
  // Every file of every version checked in one call: a bucket answers one listing instead of a request a file.
  const checks = readable.flatMap(({ owner, manifest }) => manifest.files.map((file) => ({ owner, file })));
  const fileDamage = await store.checkFiles(checks);
  const damaged = new Map<number, unknown>();
  checks.forEach(({ owner }, index) => {
    const error = fileDamage[index];
    if (error !== undefined && !damaged.has(owner.version)) damaged.set(owner.version, error);
  });

  const versions: VersionRecord[] = [];
  const problems: RegistryProblem[] = [];
  for (const outcome of outcomes) {
    if ("problem" in outcome) problems.push(outcome.problem);
    if (!("manifest" in outcome)) continue;
    const { owner, manifest } = outcome;
    const error = damaged.get(owner.version);
    if (error === undefined) {
      versions.push({ ...owner, manifest, aliases: aliasesOf(aliases, owner.version) });
      continue;
    }
    const problem = readProblem(owner, error);
    if (problem === undefined) throw error;
    problems.push(problem);
  }
  problems.sort((a, b) => (a.version ?? 0) - (b.version ?? 0));

  if (damage !== undefined) {
    const message =
      `The alias file ${damage.file} ${damage.problem}; only its valid entries are used. ` +
      `Point an alias again to rebuild it (${aliasCommand(name, "<version>", "<alias>")}); the next publish also rebuilds it.`;
    problems.push({ name, version: null, ...damage, message });
  }
  for (const alias of Object.keys(aliases).sort()) {
    const pointed = aliases[alias] as number;
    if (numbers.includes(pointed)) continue;
    const problem = asProblem(name, null, danglingAlias(store, name, alias, pointed, numbers));
    if (problem !== undefined) problems.push(problem);
  }
  return { name, aliases, versions, problems };
}
