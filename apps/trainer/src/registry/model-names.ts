/** A data set spec as part of a model name: `mnist-embedded`, or a folder's base name for `folder:<path>`. */
function datasetSlug(data: string): string {
  const source = data.startsWith("folder:") ? (data.slice(7).split(/[\\/]/).filter(Boolean).pop() ?? "images") : data;
  return source.toLowerCase().replace(/[^a-z0-9._-]+/g, "-");
}

/** `mnist-embedded` + `fast` -> `mnist-embedded-fast`; a conditional model's ends in `-conditional`. */
export function defaultModelName(data: string, preset: string, conditional = false): string {
  const suffix = conditional ? "-conditional" : "";
  const slug = `${datasetSlug(data)}-${preset}`.replace(/^[^a-z0-9]+/, "");
  return slug.slice(0, 64 - suffix.length) + suffix || "model";
}

/** Evaluators are per data set and image geometry: `evaluator-mnist-embedded-32`, `evaluator-faces-64-rgb`. */
export function evaluatorModelName(dataset: string, imageSize: number, channels: 1 | 3): string {
  return `evaluator-${datasetSlug(dataset)}-${imageSize}${channels === 3 ? "-rgb" : ""}`.slice(0, 64);
}
