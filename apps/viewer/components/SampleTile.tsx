"use client";

import { ImageCanvas } from "@/components/ImageCanvas";
import type { GroupName } from "@/lib/latent-groups";

type SampleTileProps = { index: number; image: ImageData | null; group: GroupName | null; onToggle: () => void };

/** One sample of the arithmetic grid as a toggle button: pressed when it is in a group, marked with the group. */
export function SampleTile({ index, image, group, onToggle }: SampleTileProps) {
  const name = `Sample ${index + 1}${group ? `, in group ${group.toUpperCase()}` : ""}`;
  return (
    <button
      type="button"
      className="sample-tile"
      aria-pressed={group !== null}
      aria-label={name}
      data-index={index}
      data-group={group ?? undefined}
      onClick={onToggle}
      disabled={image === null}
    >
      <ImageCanvas image={image} label="" aria-hidden />
      {group && <span className={`group-mark group-${group}`}>{group.toUpperCase()}</span>}
    </button>
  );
}
