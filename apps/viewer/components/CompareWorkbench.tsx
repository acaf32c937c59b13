"use client";

import { useMemo } from "react";
import { BackendStatus } from "@/components/BackendStatus";
import { CompareSamples } from "@/components/CompareSamples";
import { GeneratorLoadError } from "@/components/GeneratorLoadError";
import { InterpolationPanel } from "@/components/InterpolationPanel";
import type { BackendName } from "@/lib/backend-choice";
import type { CompareSide } from "@/lib/compare-pair";
import { MAX_SEED } from "@/lib/seed";
import { sharedClasses } from "@/lib/shared-classes";
import { preloadTfjs } from "@/lib/tfjs-client";
import { useGenerator } from "@/lib/use-generator";
import type { GeneratorLoad } from "@/lib/use-generator";

if (typeof window !== "undefined") preloadTfjs();

type CompareWorkbenchProps = {
  sides: [CompareSide, CompareSide];
  forcedBackend: BackendName | null;
  initialSeed: number;
  initialClass: number;
};

function useSide(side: CompareSide, forcedBackend: BackendName | null): GeneratorLoad {
  return useGenerator({
    modelUrl: side.modelUrl,
    zDim: side.zDim,
    numClasses: side.classes?.length ?? null,
    forcedBackend,
  });
}

/** Both generators loaded into the browser, sampled and interpolated on the same z in lock-step. */
export function CompareWorkbench({ sides, forcedBackend, initialSeed, initialClass }: CompareWorkbenchProps) {
  const loads = [useSide(sides[0], forcedBackend), useSide(sides[1], forcedBackend)] as const;
  const [a, b] = loads.map((load) => (load.status === "ready" ? load.session : null));
  const sessions = useMemo(() => (a && b ? [a, b] : null), [a, b]);
  const strips = useMemo(
    () =>
      sides.map((side, index) => {
        const position = index === 0 ? "A" : "B";
        return { title: `${position} · ${side.title}`, testId: `compare-interpolation-${position.toLowerCase()}` };
      }),
    [sides],
  );

  const failed = loads.findIndex((load) => load.status === "failed");
  const failure = loads[failed];
  if (failure?.status === "failed") {
    return <GeneratorLoadError title={`${sides[failed]?.ref} could not be loaded`} message={failure.message} />;
  }
  return (
    <>
      <BackendStatus session={a ?? null} />
      <CompareSamples
        sides={sides}
        sessions={[a ?? null, b ?? null]}
        initialSeed={initialSeed}
        initialClass={initialClass}
      />
      <InterpolationPanel
        sessions={sessions}
        strips={strips}
        initialSeedA={initialSeed}
        initialSeedB={(initialSeed + 1) % (MAX_SEED + 1)}
        classes={sharedClasses(sides)}
      />
    </>
  );
}
