"use client";

import { useMemo } from "react";
import { BackendStatus } from "@/components/BackendStatus";
import { ClassInterpolationPanel } from "@/components/ClassInterpolationPanel";
import { GeneratorLoadError } from "@/components/GeneratorLoadError";
import { InterpolationPanel } from "@/components/InterpolationPanel";
import type { StripLabel } from "@/components/InterpolationPanel";
import { SampleGrid } from "@/components/SampleGrid";
import type { BackendName } from "@/lib/backend-choice";
import type { ClassChoice } from "@/lib/class-choice";
import { MAX_SEED } from "@/lib/seed";
import { preloadTfjs } from "@/lib/tfjs-client";
import { useGenerator } from "@/lib/use-generator";

const ONE_STRIP: StripLabel[] = [{ title: null, testId: "interpolation" }];

// In the browser, start fetching tfjs while React hydrates the page (never on the server).
if (typeof window !== "undefined") preloadTfjs();

type VersionWorkbenchProps = {
  modelUrl: string;
  zDim: number;
  /** A conditional generator's class names, label by label; null for an unconditional one. */
  classes: readonly string[] | null;
  forcedBackend: BackendName | null;
  initialSeed: number;
  initialClass: ClassChoice;
  downloadName: string;
};

/** Loads the generator into the browser once and shares it with the sampling and interpolation panels. */
export function VersionWorkbench({
  modelUrl,
  zDim,
  classes,
  forcedBackend,
  initialSeed,
  initialClass,
  downloadName,
}: VersionWorkbenchProps) {
  const state = useGenerator({ modelUrl, zDim, numClasses: classes?.length ?? null, forcedBackend });
  const session = state.status === "ready" ? state.session : null;
  const sessions = useMemo(() => (session ? [session] : null), [session]);
  if (state.status === "failed") return <GeneratorLoadError message={state.message} />;

  return (
    <>
      <BackendStatus session={session} />
      <div className="workbench">
        <SampleGrid
          session={session}
          initialSeed={initialSeed}
          downloadName={downloadName}
          classes={classes}
          initialClass={initialClass}
        />
        <InterpolationPanel
          sessions={sessions}
          strips={ONE_STRIP}
          initialSeedA={initialSeed}
          initialSeedB={(initialSeed + 1) % (MAX_SEED + 1)}
          classes={classes}
        />
        {classes !== null && <ClassInterpolationPanel session={session} classes={classes} initialSeed={initialSeed} />}
      </div>
    </>
  );
}
