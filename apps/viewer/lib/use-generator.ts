"use client";

import { useEffect, useState } from "react";
import type { GeneratorSession } from "@/lib/generator-session";
import { loadGenerator } from "@/lib/tfjs-client";
import type { LoadOptions } from "@/lib/tfjs-client";

export type GeneratorLoad =
  { status: "loading" } | { status: "ready"; session: GeneratorSession } | { status: "failed"; message: string };

/** Loads a generator into the browser while the component is mounted, and disposes of it afterwards. */
export function useGenerator({ modelUrl, zDim, numClasses, forcedBackend }: LoadOptions): GeneratorLoad {
  const [state, setState] = useState<GeneratorLoad>({ status: "loading" });

  useEffect(() => {
    let cancelled = false;
    let loaded: GeneratorSession | null = null;
    setState({ status: "loading" });
    loadGenerator({ modelUrl, zDim, numClasses, forcedBackend })
      .then((session) => {
        if (cancelled) return session.dispose();
        loaded = session;
        setState({ status: "ready", session });
      })
      .catch((cause: unknown) => {
        if (!cancelled) setState({ status: "failed", message: (cause as Error).message });
      });
    return () => {
      cancelled = true;
      loaded?.dispose();
    };
  }, [modelUrl, zDim, numClasses, forcedBackend]);

  return state;
}
