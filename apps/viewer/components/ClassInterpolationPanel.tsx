"use client";

import { useState } from "react";
import type { FormEvent } from "react";
import { ClassPicker } from "@/components/ClassPicker";
import { FRAME_COUNT, InterpolationPlayer } from "@/components/InterpolationPlayer";
import { SeedInput } from "@/components/SeedInput";
import type { GeneratorSession } from "@/lib/generator-session";
import { MAX_SEED, parseSeed } from "@/lib/seed";
import { useSessionTask } from "@/lib/use-session-task";

type Path = { seed: number; from: number; to: number };

type ClassInterpolationPanelProps = {
  session: GeneratorSession | null;
  /** The conditional generator's class names, label by label. */
  classes: readonly string[];
  initialSeed: number;
};

/** A conditional generator at one fixed z while its class input blends from one class to another. */
export function ClassInterpolationPanel({ session, classes, initialSeed }: ClassInterpolationPanelProps) {
  const [path, setPath] = useState<Path>({ seed: initialSeed, from: 0, to: Math.min(1, classes.length - 1) });
  const [draftSeed, setDraftSeed] = useState(String(initialSeed));
  const [formError, setFormError] = useState<string | null>(null);
  const { seed, from, to } = path;
  const key = `${seed}:${from}:${to}`;
  const task = useSessionTask(
    session,
    key,
    (loaded) => loaded.interpolateClasses(seed, from, to, FRAME_COUNT),
    "Class interpolation",
  );
  const rendered = task.latest?.key === key ? task.latest.value : null;

  function applySeed(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseSeed(draftSeed);
    setFormError(parsed === null ? `The seed must be a whole number from 0 to ${MAX_SEED}.` : null);
    if (parsed !== null) setPath({ ...path, seed: parsed });
  }

  const pick = (end: "from" | "to") => (choice: number | "all") =>
    setPath({ ...path, [end]: choice === "all" ? 0 : choice });
  const error = formError ?? task.error;
  const [fromName, toName] = [classes[from] ?? String(from), classes[to] ?? String(to)];
  return (
    <section className="panel" aria-labelledby="class-interpolation-heading">
      <h2 id="class-interpolation-heading">Class interpolation</h2>
      <p className="muted">One z (the seed&apos;s first latent); only the class input moves.</p>
      <form className="controls" onSubmit={applySeed}>
        <ClassPicker label="From class" classes={classes} value={from} onChange={pick("from")} />
        <ClassPicker label="To class" classes={classes} value={to} onChange={pick("to")} />
        <SeedInput label="Seed of z" value={draftSeed} onChange={setDraftSeed} />
        <button type="submit" disabled={!rendered}>
          Apply seed
        </button>
      </form>
      <InterpolationPlayer
        strips={[
          {
            rendered,
            start: { name: `class ${fromName}, seed ${seed}`, caption: `class ${fromName}` },
            end: { name: `class ${toName}, seed ${seed}`, caption: `class ${toName}` },
            testId: "class-interpolation",
          },
        ]}
        describeFrame={(frame) => `${Math.round((100 * frame) / (FRAME_COUNT - 1))}% of the way to ${toName}`}
        error={error}
      />
    </section>
  );
}
