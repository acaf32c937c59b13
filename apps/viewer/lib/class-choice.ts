// What a conditional generator is asked to draw: one class for every sample, or every class (a grid with one
// row per class on shared noise). In URLs it is the class's label number, or "all".
export type ClassChoice = number | "all";

export const ALL_CLASSES = "all";

/** A `class` query value for a model of `numClasses` classes; null when it names none of them. */
export function parseClassChoice(value: string | null | undefined, numClasses: number): ClassChoice | null {
  if (value === null || value === undefined) return null;
  if (value === ALL_CLASSES) return ALL_CLASSES;
  if (!/^\d{1,4}$/.test(value)) return null;
  const label = Number(value);
  return label < numClasses ? label : null;
}

/** A single class label from a query value (never "all"): what a one-image tool draws. */
export function parseClassLabel(value: string | null | undefined, numClasses: number): number | null {
  const choice = parseClassChoice(value, numClasses);
  return typeof choice === "number" ? choice : null;
}
