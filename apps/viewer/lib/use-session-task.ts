"use client";

import { useEffect, useEffectEvent, useState } from "react";
import type { GeneratorSession } from "@/lib/generator-session";

export type SessionTask<T> = {
  /** The newest finished result and the key it was made for (kept while a newer one is computed). */
  latest: { key: string; value: T } | null;
  error: string | null;
};

/**
 * Runs `task` on the loaded generator whenever `key` changes; results that arrive after the key moved on
 * are dropped, so a slow batch can never overwrite a newer one.
 */
export function useSessionTask<T>(
  session: GeneratorSession | null,
  key: string,
  task: (session: GeneratorSession) => Promise<T>,
  what: string,
): SessionTask<T> {
  const [latest, setLatest] = useState<SessionTask<T>["latest"]>(null);
  const [error, setError] = useState<string | null>(null);
  const runTask = useEffectEvent(task);

  useEffect(() => {
    if (!session) return;
    let cancelled = false;
    runTask(session).then(
      (value) => {
        if (!cancelled) setLatest({ key, value });
      },
      (cause: unknown) => {
        if (!cancelled) setError(`${what} failed: ${(cause as Error).message}`);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [session, key, what]);

  return { latest, error };
}
