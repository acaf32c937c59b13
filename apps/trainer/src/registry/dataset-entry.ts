import type { ManifestDraft } from "@ganvas/registry";
import type { Dataset } from "../data/dataset";

/** How a manifest describes the data set a version was trained on (class names where it has labels). */
export function datasetEntry(dataset: Dataset): ManifestDraft["dataset"] {
  const { name, count, contentHash, classNames } = dataset;
  return { name, count, contentHash, ...(classNames === undefined ? {} : { classNames }) };
}
