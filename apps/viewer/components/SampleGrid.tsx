"use client";

import { useEffect, useState } from "react";
import { ClassPicker } from "@/components/ClassPicker";
import { ClassRowLabels } from "@/components/ClassRowLabels";
import { ImageCanvas } from "@/components/ImageCanvas";
import { SeedControls } from "@/components/SeedControls";
import type { ClassChoice } from "@/lib/class-choice";
import { downloadPng } from "@/lib/download-png";
import type { GeneratorSession } from "@/lib/generator-session";
import { GRID_COLUMNS, GRID_COUNT, describeGrid } from "@/lib/grid-text";
import { replaceUrlParams } from "@/lib/url-state";
import { useSeed } from "@/lib/use-seed";
import { useSessionTask } from "@/lib/use-session-task";

type SampleGridProps = {
  session: GeneratorSession | null;
  initialSeed: number;
  downloadName: string;
  /** A conditional generator's class names (it gets a class picker); null for an unconditional one. */
  classes: readonly string[] | null;
  initialClass: ClassChoice;
};

export function SampleGrid({ session, initialSeed, downloadName, classes, initialClass }: SampleGridProps) {
  const seedState = useSeed(initialSeed);
  const { seed } = seedState;
  const [classChoice, setClassChoice] = useState<ClassChoice>(initialClass);
  const [firstGridMs, setFirstGridMs] = useState<number | null>(null);
  const grid = useSessionTask(
    session,
    `${seed}:${classChoice}`,
    async (loaded) => ({
      seed,
      classChoice,
      ...(await loaded.sampleGrid(seed, GRID_COUNT, GRID_COLUMNS, classChoice)),
    }),
    "Sampling",
  );
  const shown = grid.latest?.value ?? null;
  // A seed whose sampling failed is settled too: the controls stay usable for the next one.
  const busy = session !== null && grid.latest?.key !== `${seed}:${classChoice}` && grid.error === null;

  // The URL carries the seed (and class), so a shared link reloads the same images.
  useEffect(() => {
    replaceUrlParams({ seed: String(seed), class: classes === null ? null : String(classChoice) });
  }, [seed, classChoice, classes]);

  // Runs after ImageCanvas has drawn (child effects run first): the time from navigation to visible pixels.
  const hasGrid = shown !== null;
  useEffect(() => {
    if (hasGrid && firstGridMs === null) {
      const elapsed = Math.round(performance.now());
      setFirstGridMs(elapsed);
      console.info(`[ganvas] first sample grid after ${elapsed} ms`);
    }
  }, [hasGrid, firstGridMs]);

  const error = seedState.formError ?? grid.error;
  const description = shown && describeGrid(shown.seed, shown.classChoice, classes);
  const classSuffix = classes === null || !shown ? "" : `-class-${shown.classChoice}`;
  return (
    <section className="panel" aria-labelledby="samples-heading">
      <h2 id="samples-heading">Samples</h2>
      <figure
        className="sample-figure"
        data-testid="sample-grid"
        data-rendered-seed={shown?.seed}
        data-rendered-class={classes === null ? undefined : shown?.classChoice}
        data-first-grid-ms={firstGridMs ?? undefined}
      >
        <div className="sample-frame">
          {classes !== null && shown?.classChoice === "all" && <ClassRowLabels classes={classes} />}
          <ImageCanvas
            image={shown?.image ?? null}
            label={description ? `Generated: ${description}` : "Generating samples"}
            className="sample-canvas"
          />
        </div>
        <figcaption aria-live="polite">
          {shown ? `${description}, generated in ${Math.round(shown.ms)} ms` : "Generating…"}
        </figcaption>
      </figure>

      <form className="controls" onSubmit={seedState.apply}>
        {classes !== null && (
          <ClassPicker label="Class" classes={classes} value={classChoice} onChange={setClassChoice} allowAll />
        )}
        <SeedControls seed={seedState} disabled={!session || busy} />
        <button
          type="button"
          disabled={!shown}
          onClick={() => shown && void downloadPng(shown.image, `${downloadName}-seed-${shown.seed}${classSuffix}.png`)}
        >
          Download PNG
        </button>
      </form>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </section>
  );
}
