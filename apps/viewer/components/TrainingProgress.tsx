"use client";

import { useState } from "react";
import { EpochTimeline } from "@/components/EpochTimeline";
import { LossChart } from "@/components/LossChart";
import type { LossHistory } from "@/lib/losses";
import { frameTitle, type TimelineFrame } from "@/lib/epoch-frames";

type TrainingProgressProps = { frames: TimelineFrame[]; epochs: number; losses: LossHistory };

/** The epoch timeline beside the loss chart, which marks the step of the grid on show. */
export function TrainingProgress({ frames, epochs, losses }: TrainingProgressProps) {
  const [index, setIndex] = useState(Math.max(0, frames.length - 1));
  const frame = frames[index];
  const marker = frame && { step: frame.step, label: frameTitle(frame, epochs) };
  return (
    <div className="training-progress">
      <EpochTimeline frames={frames} epochs={epochs} index={index} onIndexChange={setIndex} />
      <div>
        {losses.status === "ok" && (
          <LossChart points={losses.points} totalPoints={losses.totalPoints} marker={marker} />
        )}
        {losses.status === "missing" && <p className="muted">This version has no loss history (losses.json).</p>}
        {losses.status === "unreadable" && (
          <p className="alert">The loss history could not be shown: {losses.message}</p>
        )}
      </div>
    </div>
  );
}
