"use client";

import { useEffect, useState } from "react";
import { InterpolationPanel } from "@/components/InterpolationPanel";
import { DamageHint } from "@/components/DamageHint";
import { SampleGrid } from "@/components/SampleGrid";
import type { BackendName } from "@/lib/backend-choice";
import type { GeneratorSession } from "@/lib/generator-session";
import { MAX_SEED } from "@/lib/seed";
import { loadGenerator, preloadTfjs } from "@/lib/tfjs-client";

// In the browser, start fetching tfjs while React hydrates the page (never on the server).
if (typeof window !== "undefined") preloadTfjs();

type VersionWorkbenchProps = {
  modelUrl: string;
  zDim: number;
  forcedBackend: BackendName | null;
  initialSeed: number;
  downloadName: string;
};

type LoadState =
  { status: "loading" } | { status: "ready"; session: GeneratorSession } | { status: "failed"; message: string };

/** Loads the generator into the browser once and shares it with the sampling and interpolation panels. */
export function VersionWorkbench({ modelUrl, zDim, forcedBackend, initialSeed, downloadName }: VersionWorkbenchProps) {
  const [state, setState] = useState<LoadState>({ status: "loading" });

  useEffect(() => {
    let cancelled = false;
    let loaded: GeneratorSession | null = null;
    setState({ status: "loading" });
    loadGenerator({ modelUrl, zDim, forcedBackend })
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
  }, [modelUrl, zDim, forcedBackend]);

  if (state.status === "failed") {
    return (
      <div role="alert" className="alert alert-block" data-testid="model-error">
        <h2>The generator could not be loaded</h2>
        <p>{state.message}</p>
        <DamageHint />
      </div>
    );
  }

  const session = state.status === "ready" ? state.session : null;
  return (
    <>
      <p
        className="backend-status"
        data-testid="backend-status"
        data-backend={session?.backend.backend}
        aria-live="polite"
      >
        {session ? (
          <>
            Running on <strong>{session.backend.backend}</strong>{" "}
            <span className="muted">— {session.backend.reason}</span>
          </>
        ) : (
          "Loading the generator into the browser…"
        )}
      </p>
      <div className="workbench">
        <SampleGrid session={session} initialSeed={initialSeed} downloadName={downloadName} />
        <InterpolationPanel
          session={session}
          initialSeedA={initialSeed}
          initialSeedB={(initialSeed + 1) % (MAX_SEED + 1)}
        />
      </div>
    </>
  );
}
