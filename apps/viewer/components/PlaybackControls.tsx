"use client";

import { useId } from "react";
import type { ReactNode } from "react";

type PlaybackControlsProps = {
  playing: boolean;
  onPlayingChange: (playing: boolean) => void;
  /** The slider's label. */
  label: string;
  value: number;
  max: number;
  /** What the slider's value means, for screen readers. */
  valueText: string;
  onSeek: (value: number) => void;
  disabled: boolean;
  /** Shown after the slider (a status line). */
  children?: ReactNode;
};

/** A play/pause button and a labelled position slider; the caller owns both values. */
export function PlaybackControls({
  playing,
  onPlayingChange,
  label,
  value,
  max,
  valueText,
  onSeek,
  disabled,
  children,
}: PlaybackControlsProps) {
  const sliderId = useId();
  return (
    <div className="controls scrubber">
      <button type="button" onClick={() => onPlayingChange(!playing)} disabled={disabled} aria-pressed={playing}>
        {playing ? "Pause" : "Play"}
      </button>
      <label htmlFor={sliderId}>{label}</label>
      <input
        id={sliderId}
        type="range"
        min={0}
        max={max}
        step={1}
        value={value}
        disabled={disabled}
        aria-valuetext={valueText}
        onChange={(event) => onSeek(Number(event.target.value))}
      />
      {children}
    </div>
  );
}
