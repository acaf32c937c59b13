"use client";

import { useEffect, useState } from "react";
import { ClassPicker } from "@/components/ClassPicker";
import { CompareSideGrid } from "@/components/CompareSideGrid";
import { SeedControls } from "@/components/SeedControls";
import type { CompareSide } from "@/lib/compare-pair";
import type { GeneratorSession } from "@/lib/generator-session";
import { sharedClasses } from "@/lib/shared-classes";
import { replaceUrlParams } from "@/lib/url-state";
import { useSeed } from "@/lib/use-seed";

type CompareSamplesProps = {
  sides: [CompareSide, CompareSide];
  sessions: [GeneratorSession | null, GeneratorSession | null];
  initialSeed: number;
  initialClass: number;
};

/** Both generators' grids on one seed (the same z for both), with one set of controls. */
export function CompareSamples({ sides, sessions, initialSeed, initialClass }: CompareSamplesProps) {
  const seedState = useSeed(initialSeed);
  const { seed } = seedState;
  const [classLabel, setClassLabel] = useState(initialClass);
  const classes = sharedClasses(sides);

  // The URL holds the pair (from the server) and the seed: the link reproduces the comparison.
  useEffect(() => {
    replaceUrlParams({ seed: String(seed), class: classes === null ? null : String(classLabel) });
  }, [seed, classLabel, classes]);

  return (
    <section className="panel" aria-labelledby="compare-samples-heading">
      <h2 id="compare-samples-heading">Samples on the same noise</h2>
      <form className="controls" onSubmit={seedState.apply}>
        {classes !== null && (
          <ClassPicker
            label="Class"
            classes={classes}
            value={classLabel}
            onChange={(choice) => setClassLabel(choice === "all" ? 0 : choice)}
          />
        )}
        <SeedControls seed={seedState} disabled={sessions.some((session) => session === null)} />
      </form>
      {seedState.formError && (
        <p role="alert" className="alert">
          {seedState.formError}
        </p>
      )}
      <div className="compare-sides">
        {sides.map((side, index) => (
          <CompareSideGrid
            key={index}
            side={side}
            position={index === 0 ? "A" : "B"}
            session={sessions[index] ?? null}
            seed={seed}
            classLabel={classLabel}
          />
        ))}
      </div>
    </section>
  );
}
