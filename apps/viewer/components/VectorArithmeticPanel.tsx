"use client";

import { useEffect, useState } from "react";
import { ArithmeticResult } from "@/components/ArithmeticResult";
import { GroupChooser } from "@/components/GroupChooser";
import { SampleTile } from "@/components/SampleTile";
import { SeedControls } from "@/components/SeedControls";
import type { GeneratorSession } from "@/lib/generator-session";
import { formatIndexList } from "@/lib/index-list";
import { ARITHMETIC_SAMPLES, GROUPS, NO_GROUPS, groupOf, groupsComplete, toggleSample } from "@/lib/latent-groups";
import type { GroupName, Groups } from "@/lib/latent-groups";
import { replaceUrlParams } from "@/lib/url-state";
import { useSeed } from "@/lib/use-seed";
import { useSessionTask } from "@/lib/use-session-task";

type VectorArithmeticPanelProps = {
  session: GeneratorSession | null;
  initialSeed: number;
  initialGroups: Groups;
  classLabel: number;
};

/** Select samples into groups A, B and C and see the generator draw mean(A) − mean(B) + mean(C). */
export function VectorArithmeticPanel({ session, initialSeed, initialGroups, classLabel }: VectorArithmeticPanelProps) {
  const seedState = useSeed(initialSeed);
  const { seed } = seedState;
  const [groups, setGroups] = useState<Groups>(initialGroups);
  const [active, setActive] = useState<GroupName>("a");
  const [seedOfGroups, setSeedOfGroups] = useState(initialSeed);

  // Indices name samples of one seed: a new seed starts with empty groups.
  if (seedOfGroups !== seed) {
    setSeedOfGroups(seed);
    setGroups(NO_GROUPS);
  }

  const tiles = useSessionTask(
    session,
    `${seed}:${classLabel}`,
    (loaded) => loaded.sampleTiles(seed, ARITHMETIC_SAMPLES, classLabel),
    "Sampling",
  );
  const tileImages = tiles.latest?.key === `${seed}:${classLabel}` ? tiles.latest.value : null;

  const complete = groupsComplete(groups);
  const groupKey = GROUPS.map((name) => formatIndexList(groups[name]) ?? "").join("|");
  const answerKey = `${seed}:${classLabel}:${groupKey}`;
  const answer = useSessionTask(
    complete ? session : null,
    answerKey,
    (loaded) => loaded.arithmetic(seed, ARITHMETIC_SAMPLES, [groups.a, groups.b, groups.c], classLabel),
    "The arithmetic",
  );
  const result = complete && answer.latest?.key === answerKey ? answer.latest.value : null;

  // The seed and the groups are the whole state: the URL reproduces the result.
  useEffect(() => {
    replaceUrlParams({
      seed: String(seed),
      a: formatIndexList(groups.a),
      b: formatIndexList(groups.b),
      c: formatIndexList(groups.c),
    });
  }, [seed, groups]);

  const error = seedState.formError ?? tiles.error ?? answer.error;
  return (
    <section className="panel" aria-labelledby="arithmetic-heading">
      <h2 id="arithmetic-heading">Vector arithmetic</h2>
      <p className="muted">
        As in the DCGAN paper: pick samples into groups A, B and C; their mean latents give A − B + C.
      </p>
      <form className="controls" onSubmit={seedState.apply}>
        <SeedControls seed={seedState} disabled={!session} />
        <button type="button" onClick={() => setGroups(NO_GROUPS)} disabled={groupKey === "||"}>
          Clear groups
        </button>
      </form>
      <GroupChooser active={active} onChange={setActive} groups={groups} />
      <div
        className="tile-grid"
        role="group"
        aria-label={`The first ${ARITHMETIC_SAMPLES} samples of seed ${seed}`}
        data-testid="arithmetic-samples"
        data-ready={tileImages !== null}
      >
        {Array.from({ length: ARITHMETIC_SAMPLES }, (_, index) => (
          <SampleTile
            key={index}
            index={index}
            image={tileImages?.[index] ?? null}
            group={groupOf(groups, index)}
            onToggle={() => setGroups(toggleSample(groups, active, index))}
          />
        ))}
      </div>
      <ArithmeticResult result={result} complete={complete} />
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </section>
  );
}
