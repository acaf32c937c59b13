// The DCGAN paper's vector arithmetic: samples picked into groups A, B and C, and mean(A) - mean(B) + mean(C).

/** Samples to pick from: the seed's first 24 (the first three rows of its 8x8 grid). */
export const ARITHMETIC_SAMPLES = 24;

export const GROUPS = ["a", "b", "c"] as const;
export type GroupName = (typeof GROUPS)[number];
export type Groups = Record<GroupName, number[]>;

export const NO_GROUPS: Groups = { a: [], b: [], c: [] };

/** The group a sample is in, if any. */
export function groupOf(groups: Groups, index: number): GroupName | null {
  return GROUPS.find((name) => groups[name].includes(index)) ?? null;
}

/**
 * Clicking a sample while `active` is chosen: a sample already in `active` leaves it; any other sample moves
 * into `active` (out of the group it was in), so a sample is in at most one group.
 */
export function toggleSample(groups: Groups, active: GroupName, index: number): Groups {
  const leaving = groups[active].includes(index);
  const next: Groups = { a: [], b: [], c: [] };
  for (const name of GROUPS) next[name] = groups[name].filter((member) => member !== index);
  if (!leaving) next[active] = [...next[active], index].sort((x, y) => x - y);
  return next;
}

export function groupsComplete(groups: Groups): boolean {
  return GROUPS.every((name) => groups[name].length > 0);
}
