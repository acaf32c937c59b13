"use client";

import { useEffect, useId, useState } from "react";
import { ImageCanvas } from "@/components/ImageCanvas";
import { SeedControls } from "@/components/SeedControls";
import type { GeneratorSession } from "@/lib/generator-session";
import { replaceUrlParams } from "@/lib/url-state";
import { MAX_SPEED, MIN_SPEED } from "@/lib/walk-speed";
import { useSeed } from "@/lib/use-seed";
import { useWalkAnimation } from "@/lib/use-walk-animation";

/** A browser frame at 60 Hz: the time a generation may take for the walk to be smooth. */
const FRAME_BUDGET_MS = 1000 / 60;

type RandomWalkPanelProps = {
  session: GeneratorSession | null;
  initialSeed: number;
  /** Loops per minute. */
  initialSpeed: number;
  classLabel: number;
};

/** A smooth, looping walk through latent space (core's loopingWalk), animated with a speed control. */
export function RandomWalkPanel({ session, initialSeed, initialSpeed, classLabel }: RandomWalkPanelProps) {
  const speedId = useId();
  const seed = useSeed(initialSeed);
  const [speed, setSpeed] = useState(initialSpeed);
  const [playing, setPlaying] = useState(false);
  const { frame, error } = useWalkAnimation({ session, walkSeed: seed.seed, speed, playing, classLabel });

  useEffect(() => {
    replaceUrlParams({ walk: String(seed.seed), speed: String(speed) });
  }, [seed.seed, speed]);

  const shownError = seed.formError ?? error;
  return (
    <section className="panel" aria-labelledby="walk-heading">
      <h2 id="walk-heading">Random walk</h2>
      <p className="muted">
        A closed, smooth path through z from the walk&apos;s seed; every point is a typical latent.
      </p>
      <figure
        data-testid="random-walk"
        data-playing={playing}
        data-frame-index={frame?.index ?? 0}
        data-walk-seed={seed.seed}
      >
        <ImageCanvas
          image={frame?.image ?? null}
          label={frame ? `Walk of seed ${seed.seed} at ${Math.round(frame.t * 100)}% of its loop` : "Starting the walk"}
          className="walk-canvas"
        />
        <figcaption aria-live="off">
          {frame
            ? `${Math.round(frame.t * 100)}% of the loop · ${frame.ms.toFixed(1)} ms per frame (budget ${FRAME_BUDGET_MS.toFixed(1)} ms)`
            : "Generating…"}
        </figcaption>
      </figure>
      <div className="controls">
        <button type="button" onClick={() => setPlaying(!playing)} disabled={!session} aria-pressed={playing}>
          {playing ? "Pause" : "Play"}
        </button>
        <label htmlFor={speedId}>Speed</label>
        <input
          id={speedId}
          type="range"
          min={MIN_SPEED}
          max={MAX_SPEED}
          step={1}
          value={speed}
          aria-valuetext={`${speed} loops a minute`}
          onChange={(event) => setSpeed(Number(event.target.value))}
        />
        <span className="muted">{speed} loops/min</span>
      </div>
      <form className="controls" onSubmit={seed.apply}>
        <SeedControls seed={seed} disabled={!session} label="Walk seed" renewLabel="New walk" />
      </form>
      {shownError && (
        <p role="alert" className="alert">
          {shownError}
        </p>
      )}
    </section>
  );
}
