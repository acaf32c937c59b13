"use client";

import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { GeneratorSession } from "@/lib/generator-session";

export type WalkFrame = { image: ImageData; t: number; ms: number; index: number };

type WalkOptions = {
  session: GeneratorSession | null;
  walkSeed: number;
  /** Loops per minute. */
  speed: number;
  playing: boolean;
  classLabel: number;
};

/**
 * Drives a looping latent walk from requestAnimationFrame: each browser frame advances the walk's phase by
 * the time since the last one (at `speed` loops a minute) and, when the generator is idle, draws that point.
 * Generations never overlap: while one runs, frames only advance the phase, so a slow backend shows fewer
 * frames at the same speed instead of queueing work. Paused, it draws the current point once and stops.
 */
export function useWalkAnimation({ session, walkSeed, speed, playing, classLabel }: WalkOptions) {
  const [frame, setFrame] = useState<WalkFrame | null>(null);
  const [error, setError] = useState<string | null>(null);
  const phase = useRef(0);
  const frameIndex = useRef(0);
  // Read at every browser frame: a new speed applies at once, without restarting the loop.
  const loopsPerMinute = useEffectEvent(() => speed);

  useEffect(() => {
    if (!session) return;
    let stopped = false;
    let busy = false;
    let request = 0;
    let last: number | null = null;

    const draw = () => {
      busy = true;
      const t = phase.current;
      const start = performance.now();
      session.walkFrame(walkSeed, t, classLabel).then(
        (image) => {
          busy = false;
          if (stopped) return;
          frameIndex.current += 1;
          setFrame({ image, t, ms: performance.now() - start, index: frameIndex.current });
        },
        (cause: unknown) => {
          busy = false;
          if (!stopped) setError(`The walk failed: ${(cause as Error).message}`);
        },
      );
    };

    const tick = (now: number) => {
      request = requestAnimationFrame(tick);
      if (last !== null) phase.current = (phase.current + ((now - last) / 60_000) * loopsPerMinute()) % 1;
      last = now;
      if (!busy) draw();
    };

    if (playing) request = requestAnimationFrame(tick);
    else draw();
    return () => {
      stopped = true;
      cancelAnimationFrame(request);
    };
  }, [session, walkSeed, playing, classLabel]);

  return { frame, error };
}
