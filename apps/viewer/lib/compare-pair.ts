// Which two versions /compare shows, and whether they can share noise: the same z only means the same thing
// to two generators that take latents of one size and draw images of one size.
import type { VersionRecord } from "@ganvas/registry";
import type { BrowserGenerator } from "@/lib/browser-generator";

/** A version as /compare's URL names it: `model@version` (a number or an alias). */
export type VersionRef = { name: string; version: string };

export function parseVersionRef(value: string | null): VersionRef | null {
  if (value === null) return null;
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1) return null;
  return { name: value.slice(0, at), version: value.slice(at + 1) };
}

export function formatVersionRef(name: string, version: number | string): string {
  return `${name}@${version}`;
}

/** One side of a comparison: a generator the browser loads. */
export type CompareSide = BrowserGenerator;

/** Null when the two generators can be sampled on the same z side by side; otherwise why not. */
export function incompatibility(a: VersionRecord, b: VersionRecord): string | null {
  const [modelA, modelB] = [a.manifest.model, b.manifest.model];
  if (modelA.architecture !== "dcgan" || modelB.architecture !== "dcgan") return null; // compareSide says why
  const [refA, refB] = [formatVersionRef(a.name, a.version), formatVersionRef(b.name, b.version)];
  const problems: string[] = [];
  if (modelA.zDim !== modelB.zDim) {
    problems.push(`their latents differ in size (zDim ${modelA.zDim} and ${modelB.zDim}), so no z fits both`);
  }
  if (modelA.imageSize !== modelB.imageSize) {
    problems.push(
      `they draw images of different sizes (${modelA.imageSize}×${modelA.imageSize} and ${modelB.imageSize}×${modelB.imageSize})`,
    );
  }
  if (problems.length === 0) return null;
  return `${refA} and ${refB} cannot be compared on the same noise: ${problems.join("; ")}. Pick two versions with the same image size and z size.`;
}
