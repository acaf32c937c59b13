"use client";

import { useEffect, useEffectEvent, useState } from "react";
import { InterpolationStrip } from "@/components/InterpolationStrip";
import type { Endpoint } from "@/components/InterpolationStrip";
import { PlaybackControls } from "@/components/PlaybackControls";
import type { InterpolationResult } from "@/lib/generator-session";

/** Frames along a path; all are generated up front (in batches) so scrubbing only swaps cached pixels. */
export const FRAME_COUNT = 24;
const FRAMES_PER_SECOND = 12;

/** One path's frames and its ends. */
export type PathStrip = {
  rendered: InterpolationResult | null;
  start: Endpoint;
  end: Endpoint;
  title?: string | null;
  testId?: string;
};

type InterpolationPlayerProps = {
  /** One path, or several (compare) moved in lock-step: one position for all. */
  strips: PathStrip[];
  /** Under the frame on show: where on the path it is. */
  describeFrame: (frame: number) => string;
  error: string | null;
};

/** Paths' frames between their ends, with play/pause (looping) and one position slider for all of them. */
export function InterpolationPlayer({ strips, describeFrame, error }: InterpolationPlayerProps) {
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const advance = useEffectEvent(() => setFrame((frame + 1) % FRAME_COUNT));

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(advance, 1000 / FRAMES_PER_SECOND);
    return () => clearInterval(timer);
  }, [playing]);

  const t = frame / (FRAME_COUNT - 1);
  const ready = strips.every((strip) => strip.rendered !== null);
  const slowestMs = Math.max(...strips.map((strip) => strip.rendered?.ms ?? 0));
  return (
    <>
      <div className={strips.length > 1 ? "interpolation-strips" : undefined}>
        {strips.map((strip, index) => (
          <InterpolationStrip
            key={index}
            {...strip}
            frame={frame}
            frameCount={FRAME_COUNT}
            frameCaption={describeFrame(frame)}
          />
        ))}
      </div>
      <PlaybackControls
        playing={playing}
        onPlayingChange={setPlaying}
        label="Position"
        value={frame}
        max={FRAME_COUNT - 1}
        valueText={`frame ${frame + 1} of ${FRAME_COUNT}, t = ${t.toFixed(2)}`}
        onSeek={setFrame}
        disabled={!ready}
      >
        <span className="muted" aria-live="polite">
          {ready ? `${FRAME_COUNT} frames in ${Math.round(slowestMs)} ms` : "Generating frames…"}
        </span>
      </PlaybackControls>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </>
  );
}
