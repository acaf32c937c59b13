"use client";

import { useEffect, useEffectEvent, useState } from "react";

export type SessionTask<T> = {
  /** The newest finished result and the key it was made for (kept while a newer one is computed). */
  latest: { key: string; value: T } | null;
  /** Why the task for the current key failed; null while it runs or once it (or a later key) succeeds. */
  error: string | null;
};

/**
 * Runs `task` on the loaded generator (or generators: anything stable that stands for them) whenever `key`
 * changes; results that arrive after the key moved on are dropped, so a slow batch can never overwrite a newer one.
 */
export function useSessionTask<S, T>(
  session: S | null,
  key: string,
  task: (session: S) => Promise<T>,
  what: string,
): SessionTask<T> {
  const [latest, setLatest] = useState<SessionTask<T>["latest"]>(null);
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const runTask = useEffectEvent(task);

  useEffect(() => {
    if (!session) return;
    let cancelled = false;
    runTask(session).then(
      (value) => {
        if (!cancelled) setLatest({ key, value });
      },
      (cause: unknown) => {
        if (!cancelled) setFailure({ key, message: `${what} failed: ${(cause as Error).message}` });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [session, key, what]);

  // A failure belongs to its key: a newer key (a later sample) no longer shows it.
  return { latest, error: failure?.key === key ? failure.message : null };
}
