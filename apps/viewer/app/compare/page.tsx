import type { Metadata } from "next";
import type { ModelSummary, VersionRecord } from "@ganvas/registry";
import { RegistryError } from "@ganvas/registry";
import { ComparePicker } from "@/components/ComparePicker";
import { CompareWorkbench } from "@/components/CompareWorkbench";
import { parseBackendParam } from "@/lib/backend-choice";
import { parseClassLabel } from "@/lib/class-choice";
import { browserGenerator } from "@/lib/browser-generator";
import { incompatibility, parseVersionRef } from "@/lib/compare-pair";
import type { CompareSide } from "@/lib/compare-pair";
import { getRegistry, lookUpVersion } from "@/lib/registry-server";
import { firstParam } from "@/lib/search-params";
import type { SearchParams } from "@/lib/search-params";
import { parseSeed, randomSeed } from "@/lib/seed";
import { sharedClasses } from "@/lib/shared-classes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare" };

type ComparePageProps = { searchParams: Promise<SearchParams> };

/** A version a ref names, or why it cannot be opened. */
async function findVersion(text: string | null, position: string): Promise<VersionRecord | string> {
  const ref = parseVersionRef(text);
  if (ref === null) return `Version ${position} “${text ?? ""}” is not a model@version reference.`;
  const lookup = await lookUpVersion(ref.name, ref.version);
  if (lookup.status === "missing") return `There is no ${text} in the registry.`;
  if (lookup.status === "damaged") return `${text} is damaged: ${lookup.message}`;
  return lookup.record;
}

/** Both sides, or the first reason they cannot be shown together. */
async function resolvePair(a: string, b: string): Promise<[CompareSide, CompareSide] | string> {
  const [recordA, recordB] = await Promise.all([findVersion(a, "A"), findVersion(b, "B")]);
  if (typeof recordA === "string") return recordA;
  if (typeof recordB === "string") return recordB;
  const [sideA, sideB] = [browserGenerator(recordA), browserGenerator(recordB)];
  if (typeof sideA === "string") return sideA;
  if (typeof sideB === "string") return sideB;
  return incompatibility(recordA, recordB) ?? [sideA, sideB];
}

async function listModels(): Promise<ModelSummary[]> {
  try {
    return await (await getRegistry()).listModels();
  } catch (error) {
    if (error instanceof RegistryError) return [];
    throw error;
  }
}

export default async function ComparePage({ searchParams }: ComparePageProps) {
  const query = await searchParams;
  const [a, b] = [firstParam(query, "a"), firstParam(query, "b")];
  const seed = parseSeed(firstParam(query, "seed")) ?? randomSeed();
  const forcedBackend = parseBackendParam(firstParam(query, "backend"));
  const [models, pair] = await Promise.all([
    listModels(),
    a !== null && b !== null ? resolvePair(a, b) : Promise.resolve(null),
  ]);
  // The picker shows the resolved versions (an alias in the URL selects the version it points at).
  const [selectedA, selectedB] = Array.isArray(pair) ? pair.map((side) => side.ref) : [a, b];
  const classes = Array.isArray(pair) ? sharedClasses(pair) : null;
  const initialClass = (classes && parseClassLabel(firstParam(query, "class"), classes.length)) ?? 0;

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Compare two versions</h1>
          <p className="muted">
            The same seed gives both generators the same z: what differs in the pictures is the model.
          </p>
        </div>
      </header>
      <section className="panel" aria-labelledby="compare-pick-heading">
        <h2 id="compare-pick-heading">Versions</h2>
        <ComparePicker models={models} a={selectedA ?? null} b={selectedB ?? null} seed={seed} />
      </section>
      {pair === null ? (
        <p className="muted">
          Pick two versions with the same image size and z size (a version with itself works too).
        </p>
      ) : typeof pair === "string" ? (
        <div role="alert" className="alert alert-block" data-testid="compare-refused">
          <h2>These versions cannot be compared</h2>
          <p>{pair}</p>
        </div>
      ) : (
        <CompareWorkbench
          key={`${pair[0].ref} ${pair[1].ref}`}
          sides={pair}
          forcedBackend={forcedBackend}
          initialSeed={seed}
          initialClass={initialClass}
        />
      )}
    </>
  );
}
