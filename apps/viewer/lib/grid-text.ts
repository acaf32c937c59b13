import type { ClassChoice } from "@/lib/class-choice";

/** The sample grids' shape: 8 by 8 (a one-row-per-class grid keeps the 8 columns). */
export const GRID_COLUMNS = 8;
export const GRID_COUNT = GRID_COLUMNS * GRID_COLUMNS;

/** What a grid shows, in words: the seed, and a conditional generator's class or classes. */
export function describeGrid(seed: number, choice: ClassChoice, classes: readonly string[] | null): string {
  if (classes === null) return `${GRID_COUNT} samples from seed ${seed}`;
  if (choice === "all") return `${classes.length} classes, a row each, on the ${GRID_COLUMNS} latents of seed ${seed}`;
  return `${GRID_COUNT} samples of class ${classes[choice] ?? choice} from seed ${seed}`;
}
