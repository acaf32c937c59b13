"use client";

import { useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { ImageCanvas } from "@/components/ImageCanvas";
import { SeedInput } from "@/components/SeedInput";
import type { GeneratorSession, InterpolationMode } from "@/lib/generator-session";
import { MAX_SEED, parseSeed } from "@/lib/seed";
import { useSessionTask } from "@/lib/use-session-task";

/** Frames along the path; all are generated up front (in batches) so scrubbing only swaps cached pixels. */
const FRAME_COUNT = 24;
const FRAMES_PER_SECOND = 12;

type Endpoints = { seedA: number; seedB: number; mode: InterpolationMode };

type InterpolationPanelProps = { session: GeneratorSession | null; initialSeedA: number; initialSeedB: number };

export function InterpolationPanel({ session, initialSeedA, initialSeedB }: InterpolationPanelProps) {
  const modeId = useId();
  const positionId = useId();
  const [endpoints, setEndpoints] = useState<Endpoints>({ seedA: initialSeedA, seedB: initialSeedB, mode: "slerp" });
  const [draftA, setDraftA] = useState(String(initialSeedA));
  const [draftB, setDraftB] = useState(String(initialSeedB));
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const { seedA, seedB, mode } = endpoints;
  const path = useSessionTask(
    session,
    `${seedA}:${seedB}:${mode}`,
    (loaded) => loaded.interpolate(seedA, seedB, FRAME_COUNT, mode),
    "Interpolation",
  );
  const rendered = path.latest?.key === `${seedA}:${seedB}:${mode}` ? path.latest.value : null;

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => setFrame((current) => (current + 1) % FRAME_COUNT), 1000 / FRAMES_PER_SECOND);
    return () => clearInterval(timer);
  }, [playing]);

  const t = frame / (FRAME_COUNT - 1);

  function applySeeds(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const a = parseSeed(draftA);
    const b = parseSeed(draftB);
    setFormError(a === null || b === null ? `Both seeds must be whole numbers from 0 to ${MAX_SEED}.` : null);
    if (a !== null && b !== null) setEndpoints({ ...endpoints, seedA: a, seedB: b });
  }

  const error = formError ?? path.error;
  return (
    <section className="panel" aria-labelledby="interpolation-heading">
      <h2 id="interpolation-heading">Latent interpolation</h2>
      <form className="controls" onSubmit={applySeeds}>
        <SeedInput label="Seed A" value={draftA} onChange={setDraftA} />
        <SeedInput label="Seed B" value={draftB} onChange={setDraftB} />
        <label htmlFor={modeId}>Path</label>
        <select
          id={modeId}
          value={mode}
          onChange={(event) => setEndpoints({ ...endpoints, mode: event.target.value as InterpolationMode })}
        >
          <option value="slerp">slerp (spherical)</option>
          <option value="lerp">lerp (linear)</option>
        </select>
        <button type="submit" disabled={!rendered}>
          Interpolate
        </button>
      </form>

      <div className="interpolation-strip" data-testid="interpolation" data-ready={rendered !== null}>
        <figure>
          <ImageCanvas
            image={rendered?.endpoints[0] ?? null}
            label={`Endpoint A, seed ${seedA}`}
            data-testid="endpoint-a"
          />
          <figcaption>A · seed {seedA}</figcaption>
        </figure>
        <figure>
          <ImageCanvas
            image={rendered?.frames[frame] ?? null}
            label={`Frame ${frame + 1} of ${FRAME_COUNT} between seeds ${seedA} and ${seedB}`}
            data-testid="interpolation-frame"
          />
          <figcaption>
            t = {t.toFixed(2)} ({mode})
          </figcaption>
        </figure>
        <figure>
          <ImageCanvas
            image={rendered?.endpoints[1] ?? null}
            label={`Endpoint B, seed ${seedB}`}
            data-testid="endpoint-b"
          />
          <figcaption>B · seed {seedB}</figcaption>
        </figure>
      </div>

      <div className="controls scrubber">
        <button type="button" onClick={() => setPlaying(!playing)} disabled={!rendered} aria-pressed={playing}>
          {playing ? "Pause" : "Play"}
        </button>
        <label htmlFor={positionId}>Position</label>
        <input
          id={positionId}
          type="range"
          min={0}
          max={FRAME_COUNT - 1}
          step={1}
          value={frame}
          disabled={!rendered}
          aria-valuetext={`frame ${frame + 1} of ${FRAME_COUNT}, t = ${t.toFixed(2)}`}
          onChange={(event) => setFrame(Number(event.target.value))}
        />
        <span className="muted" aria-live="polite">
          {rendered ? `${FRAME_COUNT} frames in ${Math.round(rendered.ms)} ms` : "Generating frames…"}
        </span>
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </section>
  );
}
