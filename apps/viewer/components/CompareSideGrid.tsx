"use client";

import Link from "next/link";
import { ImageCanvas } from "@/components/ImageCanvas";
import type { CompareSide } from "@/lib/compare-pair";
import type { GeneratorSession } from "@/lib/generator-session";
import { GRID_COLUMNS, GRID_COUNT, describeGrid } from "@/lib/grid-text";
import { useSessionTask } from "@/lib/use-session-task";

type CompareSideGridProps = {
  side: CompareSide;
  /** "A" or "B": which side of the comparison. */
  position: string;
  session: GeneratorSession | null;
  seed: number;
  /** The class a conditional side draws (an unconditional side ignores it). */
  classLabel: number;
};

/** One side of a comparison: the seed's 8x8 grid from this side's generator. */
export function CompareSideGrid({ side, position, session, seed, classLabel }: CompareSideGridProps) {
  const grid = useSessionTask(
    session,
    `${seed}:${classLabel}`,
    async (loaded) => ({ seed, classLabel, ...(await loaded.sampleGrid(seed, GRID_COUNT, GRID_COLUMNS, classLabel)) }),
    `Sampling ${side.ref}`,
  );
  const shown = grid.latest?.value ?? null;
  const description = shown && describeGrid(shown.seed, shown.classLabel, side.classes);
  return (
    <figure
      className="compare-side"
      data-testid={`compare-grid-${position.toLowerCase()}`}
      data-ref={side.ref}
      data-rendered-seed={shown?.seed}
      data-rendered-class={side.classes === null ? undefined : shown?.classLabel}
    >
      <h3>
        {position} · <Link href={side.pageUrl}>{side.title}</Link>
      </h3>
      <ImageCanvas
        image={shown?.image ?? null}
        label={description ? `${side.title}: ${description}` : `Generating samples of ${side.title}`}
      />
      <figcaption aria-live="polite">
        {shown ? `${description}, generated in ${Math.round(shown.ms)} ms` : "Generating…"}
      </figcaption>
      {grid.error && (
        <p role="alert" className="alert">
          {grid.error}
        </p>
      )}
    </figure>
  );
}
