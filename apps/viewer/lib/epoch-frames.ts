// The frames of a version's training timeline: the fixed-noise grid of every finished epoch (files with the role
// epoch-samples), then the last grid (samples.png) when training ended inside an epoch. A version published before
// epoch grids were kept has only its last grid.
import type { Manifest } from "@ganvas/registry";
import { fileUrl } from "@/lib/file-url";
import { fileWithRole } from "@/lib/manifest-files";

export type TimelineFrame = {
  /** Epochs finished when the grid was drawn; null for a grid drawn inside an epoch. */
  epoch: number | null;
  /** The training step the grid shows, for marking it on the loss chart. */
  step: number;
  url: string;
};

export function timelineFrames(name: string, version: number, manifest: Manifest): TimelineFrame[] {
  // The trainer's batches per epoch: whole batches only (the last, smaller one is left out).
  const stepsPerEpoch = Math.floor(manifest.dataset.count / manifest.training.batchSize);
  const frames: TimelineFrame[] = manifest.files
    .flatMap((file) =>
      file.role === "epoch-samples" && file.epoch !== undefined ? [{ ...file, epoch: file.epoch }] : [],
    )
    .sort((a, b) => a.epoch - b.epoch)
    .map((file) => ({ epoch: file.epoch, step: file.epoch * stepsPerEpoch, url: fileUrl(name, version, file.path) }));
  const last = fileWithRole(manifest, "samples");
  if (last && frames.at(-1)?.step !== manifest.training.steps) {
    frames.push({ epoch: null, step: manifest.training.steps, url: fileUrl(name, version, last.path) });
  }
  return frames;
}

/** "Epoch 2 of 3, step 1,124", or "End of training, step 50" for a grid drawn inside an epoch. */
export function frameTitle(frame: TimelineFrame, epochs: number): string {
  const step = frame.step.toLocaleString("en-GB");
  return frame.epoch === null ? `End of training, step ${step}` : `Epoch ${frame.epoch} of ${epochs}, step ${step}`;
}
