"use client";

import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { ImageCanvas } from "@/components/ImageCanvas";
import { SeedInput } from "@/components/SeedInput";
import { downloadPng } from "@/lib/download-png";
import type { GeneratorSession } from "@/lib/generator-session";
import { MAX_SEED, parseSeed, randomSeed } from "@/lib/seed";
import { useSessionTask } from "@/lib/use-session-task";

const COLUMNS = 8;
const COUNT = COLUMNS * COLUMNS;

type SampleGridProps = { session: GeneratorSession | null; initialSeed: number; downloadName: string };

export function SampleGrid({ session, initialSeed, downloadName }: SampleGridProps) {
  const [seed, setSeed] = useState(initialSeed);
  const [draftSeed, setDraftSeed] = useState(String(initialSeed));
  const [formError, setFormError] = useState<string | null>(null);
  const [firstGridMs, setFirstGridMs] = useState<number | null>(null);
  const grid = useSessionTask(session, String(seed), (loaded) => loaded.sampleGrid(seed, COUNT, COLUMNS), "Sampling");
  const shown = grid.latest && { seed: Number(grid.latest.key), ...grid.latest.value };
  // A seed whose sampling failed is settled too: the controls stay usable for the next one.
  const busy = session !== null && shown?.seed !== seed && grid.error === null;

  // The URL carries the seed, so a shared link reloads the same images.
  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set("seed", String(seed));
    window.history.replaceState(window.history.state, "", url);
  }, [seed]);

  // Runs after ImageCanvas has drawn (child effects run first): the time from navigation to visible pixels.
  const hasGrid = shown !== null;
  useEffect(() => {
    if (hasGrid && firstGridMs === null) {
      const elapsed = Math.round(performance.now());
      setFirstGridMs(elapsed);
      console.info(`[ganvas] first sample grid after ${elapsed} ms`);
    }
  }, [hasGrid, firstGridMs]);

  function applySeed(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseSeed(draftSeed);
    setFormError(parsed === null ? `The seed must be a whole number from 0 to ${MAX_SEED}.` : null);
    if (parsed !== null) setSeed(parsed);
  }

  function newSamples() {
    const next = randomSeed();
    setFormError(null);
    setDraftSeed(String(next));
    setSeed(next);
  }

  const error = formError ?? grid.error;
  return (
    <section className="panel" aria-labelledby="samples-heading">
      <h2 id="samples-heading">Samples</h2>
      <figure
        className="sample-figure"
        data-testid="sample-grid"
        data-rendered-seed={shown?.seed}
        data-first-grid-ms={firstGridMs ?? undefined}
      >
        <ImageCanvas
          image={shown?.image ?? null}
          label={shown ? `${COUNT} generated samples for seed ${shown.seed}` : "Generating samples"}
          className="sample-canvas"
        />
        <figcaption aria-live="polite">
          {shown ? `${COUNT} samples from seed ${shown.seed}, generated in ${Math.round(shown.ms)} ms` : "Generating…"}
        </figcaption>
      </figure>

      <form className="controls" onSubmit={applySeed}>
        <SeedInput label="Seed" value={draftSeed} onChange={setDraftSeed} />
        <button type="submit" disabled={!session || busy}>
          Generate
        </button>
        <button type="button" onClick={newSamples} disabled={!session || busy}>
          New samples
        </button>
        <button
          type="button"
          disabled={!shown}
          onClick={() => shown && void downloadPng(shown.image, `${downloadName}-seed-${shown.seed}.png`)}
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
