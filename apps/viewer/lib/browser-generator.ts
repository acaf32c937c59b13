// What a page hands the browser so that it can load and sample a version's generator.
import type { VersionRecord } from "@ganvas/registry";
import { generatorClasses } from "@/lib/class-names";
import { formatVersionRef } from "@/lib/compare-pair";
import { fileUrl } from "@/lib/file-url";
import { fileWithRole } from "@/lib/manifest-files";

/** What the browser needs to load a version's generator, and how pages name it. */
export type BrowserGenerator = {
  ref: string;
  title: string;
  /** The version's own page. */
  pageUrl: string;
  modelUrl: string;
  zDim: number;
  /** A conditional generator's class names; null for an unconditional one. */
  classes: string[] | null;
};

/** A version's generator for the browser, or why it has none (a classifier, or no generator files). */
export function browserGenerator(record: VersionRecord): BrowserGenerator | string {
  const { manifest } = record;
  const ref = formatVersionRef(record.name, record.version);
  if (manifest.model.architecture !== "dcgan")
    return `${ref} is a classifier (${manifest.model.architecture}), not a generator.`;
  const topology = fileWithRole(manifest, "generator-topology");
  if (!topology) return `${ref} lists no generator (no file with the role generator-topology).`;
  return {
    ref,
    title: `${record.name} v${record.version}`,
    pageUrl: `/models/${encodeURIComponent(record.name)}/${record.version}`,
    modelUrl: fileUrl(record.name, record.version, topology.path),
    zDim: manifest.model.zDim,
    classes: generatorClasses(manifest.model.numClasses, manifest.dataset.classNames),
  };
}
