"use client";

import { useId, useState } from "react";
import type { FormEvent } from "react";
import { ClassPicker } from "@/components/ClassPicker";
import { FRAME_COUNT, InterpolationPlayer } from "@/components/InterpolationPlayer";
import { SeedInput } from "@/components/SeedInput";
import type { GeneratorSession, InterpolationMode } from "@/lib/generator-session";
import { MAX_SEED, parseSeed } from "@/lib/seed";
import { useSessionTask } from "@/lib/use-session-task";

type Endpoints = { seedA: number; seedB: number; mode: InterpolationMode; classLabel: number };

/** One generator's strip: its title (null when it is the only one) and its test id. */
export type StripLabel = { title: string | null; testId: string };

type InterpolationPanelProps = {
  /** The generators the path runs through: one, or two in lock-step (compare); null until all are loaded. */
  sessions: readonly GeneratorSession[] | null;
  /** One per generator, in the same order. */
  strips: readonly StripLabel[];
  initialSeedA: number;
  initialSeedB: number;
  /** Class names when a generator is conditional: the path is drawn in one chosen class. Null otherwise. */
  classes: readonly string[] | null;
};

/** The path between two seeds' latents, through every generator at once on the same z. */
export function InterpolationPanel({ sessions, strips, initialSeedA, initialSeedB, classes }: InterpolationPanelProps) {
  const modeId = useId();
  const [endpoints, setEndpoints] = useState<Endpoints>({
    seedA: initialSeedA,
    seedB: initialSeedB,
    mode: "slerp",
    classLabel: 0,
  });
  const [draftA, setDraftA] = useState(String(initialSeedA));
  const [draftB, setDraftB] = useState(String(initialSeedB));
  const [formError, setFormError] = useState<string | null>(null);
  const { seedA, seedB, mode, classLabel } = endpoints;
  const key = `${seedA}:${seedB}:${mode}:${classLabel}`;
  const paths = useSessionTask(
    sessions,
    key,
    async (loaded) => {
      const results = [];
      for (const session of loaded)
        results.push(await session.interpolate(seedA, seedB, FRAME_COUNT, mode, classLabel));
      return results;
    },
    "Interpolation",
  );
  const rendered = paths.latest?.key === key ? paths.latest.value : null;

  function applySeeds(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const a = parseSeed(draftA);
    const b = parseSeed(draftB);
    setFormError(a === null || b === null ? `Both seeds must be whole numbers from 0 to ${MAX_SEED}.` : null);
    if (a !== null && b !== null) setEndpoints({ ...endpoints, seedA: a, seedB: b });
  }

  const error = formError ?? paths.error;
  const inClass = classes === null ? "" : ` · ${classes[classLabel] ?? classLabel}`;
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
        {classes !== null && (
          <ClassPicker
            label="Drawn as"
            classes={classes}
            value={classLabel}
            onChange={(choice) => setEndpoints({ ...endpoints, classLabel: choice === "all" ? 0 : choice })}
          />
        )}
        <button type="submit" disabled={!rendered}>
          Interpolate
        </button>
      </form>

      <InterpolationPlayer
        strips={strips.map(({ title, testId }, index) => {
          const prefix = title === null ? "" : `${title}: `;
          return {
            title,
            testId,
            rendered: rendered?.[index] ?? null,
            start: { name: `${prefix}endpoint A, seed ${seedA}`, caption: `A · seed ${seedA}${inClass}` },
            end: { name: `${prefix}endpoint B, seed ${seedB}`, caption: `B · seed ${seedB}${inClass}` },
          };
        })}
        describeFrame={(frame) => `t = ${(frame / (FRAME_COUNT - 1)).toFixed(2)} (${mode})`}
        error={error}
      />
    </section>
  );
}
