/** Evaluators are per data set and image geometry: `evaluator-mnist-embedded-32`, `evaluator-faces-64-rgb`. */
export function evaluatorModelName(dataset: string, imageSize: number, channels: 1 | 3): string {
  const source = dataset.startsWith("folder:") ? (dataset.slice(7).split(/[\\/]/).filter(Boolean).pop() ?? "images") : dataset;
  const slug = source.toLowerCase().replace(/[^a-z0-9._-]+/g, "-");
  return `evaluator-${slug}-${imageSize}${channels === 3 ? "-rgb" : ""}`.slice(0, 64);
}
