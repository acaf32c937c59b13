"use client";

import { useState } from "react";
import type { FormEvent } from "react";
import { MAX_SEED, parseSeed, randomSeed } from "@/lib/seed";

export type SeedState = {
  /** The seed in use. */
  seed: number;
  /** What the seed field holds (applied on submit). */
  draft: string;
  setDraft: (draft: string) => void;
  /** A form's submit handler: applies the draft, or says why it cannot. */
  apply: (event: FormEvent<HTMLFormElement>) => void;
  /** Draws a random seed and uses it. */
  renew: () => void;
  formError: string | null;
};

/** A seed with its editable field, as the sampling forms use it. */
export function useSeed(initialSeed: number): SeedState {
  const [seed, setSeed] = useState(initialSeed);
  const [draft, setDraft] = useState(String(initialSeed));
  const [formError, setFormError] = useState<string | null>(null);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseSeed(draft);
    setFormError(parsed === null ? `The seed must be a whole number from 0 to ${MAX_SEED}.` : null);
    if (parsed !== null) setSeed(parsed);
  }

  function renew() {
    const next = randomSeed();
    setFormError(null);
    setDraft(String(next));
    setSeed(next);
  }

  return { seed, draft, setDraft, apply, renew, formError };
}
