"use client";

import { useEffect, useState } from "react";
import { PlaybackControls } from "@/components/PlaybackControls";
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

  function changePlaying(play: boolean) {
    if (play && index >= last) onIndexChange(0);
    setPlaying(play);
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
      <PlaybackControls
        playing={playing}
        onPlayingChange={changePlaying}
        label="Epoch"
        value={index}
        max={last}
        valueText={title}
        onSeek={(value) => {
          setPlaying(false);
          onIndexChange(value);
        }}
        disabled={frames.length < 2}
      />
      <figcaption aria-live="polite">
        {title}
        {frames.every((entry) => entry.epoch === null) &&
          " (no per-epoch grids: published before they were kept, or stopped inside its first epoch)"}
      </figcaption>
    </figure>
  );
}
