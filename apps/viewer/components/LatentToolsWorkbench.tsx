"use client";

import { useEffect, useState } from "react";
import { BackendStatus } from "@/components/BackendStatus";
import { ClassPicker } from "@/components/ClassPicker";
import { GeneratorLoadError } from "@/components/GeneratorLoadError";
import { RandomWalkPanel } from "@/components/RandomWalkPanel";
import { VectorArithmeticPanel } from "@/components/VectorArithmeticPanel";
import type { BackendName } from "@/lib/backend-choice";
import type { Groups } from "@/lib/latent-groups";
import { preloadTfjs } from "@/lib/tfjs-client";
import { replaceUrlParams } from "@/lib/url-state";
import { useGenerator } from "@/lib/use-generator";

if (typeof window !== "undefined") preloadTfjs();

type LatentToolsWorkbenchProps = {
  modelUrl: string;
  zDim: number;
  /** A conditional generator's class names: both tools draw one chosen class. Null when unconditional. */
  classes: readonly string[] | null;
  forcedBackend: BackendName | null;
  initialClass: number;
  walk: { seed: number; speed: number };
  arithmetic: { seed: number; groups: Groups };
};

/** The generator loaded once for the random walk and the vector arithmetic. */
export function LatentToolsWorkbench({
  modelUrl,
  zDim,
  classes,
  forcedBackend,
  initialClass,
  walk,
  arithmetic,
}: LatentToolsWorkbenchProps) {
  const state = useGenerator({ modelUrl, zDim, numClasses: classes?.length ?? null, forcedBackend });
  const [classLabel, setClassLabel] = useState(initialClass);

  useEffect(() => {
    if (classes !== null) replaceUrlParams({ class: String(classLabel) });
  }, [classes, classLabel]);

  if (state.status === "failed") return <GeneratorLoadError message={state.message} />;
  const session = state.status === "ready" ? state.session : null;
  return (
    <>
      <BackendStatus session={session} />
      {classes !== null && (
        <div className="controls panel">
          <ClassPicker
            label="Class (both tools)"
            classes={classes}
            value={classLabel}
            onChange={(choice) => setClassLabel(choice === "all" ? 0 : choice)}
          />
        </div>
      )}
      <div className="workbench">
        <RandomWalkPanel session={session} initialSeed={walk.seed} initialSpeed={walk.speed} classLabel={classLabel} />
        <VectorArithmeticPanel
          session={session}
          initialSeed={arithmetic.seed}
          initialGroups={arithmetic.groups}
          classLabel={classLabel}
        />
      </div>
    </>
  );
}
