import { isRegistryError } from "./errors";
import type { Registry } from "./registry";

/** What `registry copy` did, one line per version or alias, for people. */
export type CopyReport = { copied: string[]; skipped: string[]; problems: string[] };

function sameFiles(a: { path: string; sha256: string }[], b: { path: string; sha256: string }[]): boolean {
  const key = (files: { path: string; sha256: string }[]) =>
    files
      .map((file) => `${file.path}:${file.sha256}`)
      .sort()
      .join();
  return key(a) === key(b);
}

/**
 * Copies models (all, or one) from one registry to another, each version under its own number with its
 * manifest unchanged, then their aliases. Every file is checked against its sha256 when read from the source
 * and again before the target stores it. Versions the target already has with the same files are skipped; a
 * different version under the same number is reported and left alone, as are damaged source versions.
 */
export async function copyModels(from: Registry, to: Registry, model?: string): Promise<CopyReport> {
  const report: CopyReport = { copied: [], skipped: [], problems: [] };
  await to.checkWritable();
  const models = model === undefined ? await from.listModels() : [await from.listModel(model)];
  for (const summary of models) {
    const { name } = summary;
    report.problems.push(...summary.problems.map((problem) => `not copied: ${problem.message}`));
    const existing = await to.store.listVersionNumbers(name);
    for (const record of summary.versions) {
      const ref = `${name}@${record.version}`;
      try {
        if (existing.includes(record.version)) {
          const there = await to.resolve(ref);
          if (sameFiles(there.manifest.files, record.manifest.files)) report.skipped.push(`${ref}: already there`);
          else report.problems.push(`${ref}: the target has a different version under this number; left as it is`);
          continue;
        }
        const files = await Promise.all(
          record.manifest.files.map(async (file) => ({
            path: file.path,
            bytes: (await from.readFile(name, record.version, file.path)).bytes,
          })),
        );
        await to.importVersion(record.manifest, files);
        report.copied.push(ref);
      } catch (error) {
        // A damaged version (in the source, or already in the target) is reported; anything else stops the copy.
        if (!isRegistryError(error) || error.damage === undefined) throw error;
        report.problems.push(`not copied: ${error.message}`);
      }
    }
    const present = await to.store.listVersionNumbers(name);
    const { aliases: targetAliases } = await to.store.inspectAliases(name);
    for (const [alias, version] of Object.entries(summary.aliases).sort(([a], [b]) => a.localeCompare(b))) {
      if (!present.includes(version) || targetAliases[alias] === version) continue;
      try {
        await to.setAlias(name, alias, version);
        report.copied.push(`${name}@${alias} -> ${version}`);
      } catch (error) {
        if (!isRegistryError(error)) throw error;
        report.problems.push(`${name}@${alias}: ${error.message}`);
      }
    }
  }
  return report;
}
