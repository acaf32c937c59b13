"use client";

import { useEffect, useId, useState } from "react";
import { frameTitle, type TimelineFrame } from "@/lib/epoch-frames";

/** How long each epoch's grid stays on screen while playing. */
const FRAME_MS = 700;

type EpochTimelineProps = {
  frames: TimelineFrame[];
  /** Whole epochs the version trained. */
  epochs: number;
  index: number;
  onIndexChange: (index: number) => void;
};

/**
 * The fixed-noise sample grid after each epoch, as the tutorial's img_list shows it: a scrubber over the epochs and
 * a play button that steps through them.
 */
export function EpochTimeline({ frames, epochs, index, onIndexChange }: EpochTimelineProps) {
  const sliderId = useId();
  const [playing, setPlaying] = useState(false);
  const frame = frames[index];
  const last = frames.length - 1;

  useEffect(() => {
    // Fetch every grid up front, so that playing never waits on the network.
    for (const { url } of frames) new Image().src = url;
  }, [frames]);

  useEffect(() => {
    if (!playing) return;
    if (index >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => onIndexChange(index + 1), FRAME_MS);
    return () => clearTimeout(timer);
  }, [playing, index, last, onIndexChange]);

  if (!frame) return <p className="muted">This version has no sample grids.</p>;
  const title = frameTitle(frame, epochs);

  function togglePlay() {
    if (!playing && index >= last) onIndexChange(0);
    setPlaying(!playing);
  }

  return (
    <figure
      className="epoch-timeline"
      data-testid="epoch-timeline"
      data-frame={index}
      data-epoch={frame.epoch ?? "end"}
    >
      {/* A registry file served with immutable caching; next/image's optimiser would only re-encode it. */}
      <img src={frame.url} alt={`Fixed-noise samples: ${title}`} className="pixel-canvas" data-testid="epoch-frame" />
      <div className="controls scrubber">
        <button type="button" onClick={togglePlay} disabled={frames.length < 2} aria-pressed={playing}>
          {playing ? "Pause" : "Play"}
        </button>
        <label htmlFor={sliderId}>Epoch</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={last}
          step={1}
          value={index}
          disabled={frames.length < 2}
          aria-valuetext={title}
          onChange={(event) => {
            setPlaying(false);
            onIndexChange(Number(event.target.value));
          }}
        />
      </div>
      <figcaption aria-live="polite">
        {title}
        {frames.every((entry) => entry.epoch === null) &&
          " (no per-epoch grids: published before they were kept, or stopped inside its first epoch)"}
      </figcaption>
    </figure>
  );
}
