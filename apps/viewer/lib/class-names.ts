// Classes are shown by name where the manifest names them (dataset.classNames, schema version 2), else by
// their label number, as versions published before class names were recorded have them.

export function className(classNames: readonly string[] | undefined, label: number): string {
  return classNames?.[label] ?? String(label);
}

/** The names of a conditional generator's classes, label by label; null for an unconditional generator. */
export function generatorClasses(numClasses: number | undefined, classNames: readonly string[] | undefined) {
  if (numClasses === undefined) return null;
  return Array.from({ length: numClasses }, (_, label) => className(classNames, label));
}
