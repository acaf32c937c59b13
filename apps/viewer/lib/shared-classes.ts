import type { CompareSide } from "@/lib/compare-pair";

/**
 * The classes a comparison offers: those of its conditional sides (the fewer, when both are conditional with
 * different counts, so every label exists on both); null when neither side is conditional.
 */
export function sharedClasses(sides: readonly CompareSide[]): readonly string[] | null {
  const lists = sides.map((side) => side.classes).filter((classes) => classes !== null);
  if (lists.length === 0) return null;
  return lists.reduce((shortest, list) => (list.length < shortest.length ? list : shortest));
}
