import { type VersionRecord, copyModels } from "@ganvas/registry";
import { UserError } from "../errors";
import { withRegistry } from "../registry/with-registry";

export async function registryListCommand(location: string): Promise<void> {
  const models = await withRegistry(location, (registry) => registry.listModels());
  // Damage is reported, not fatal: the intact versions are listed all the same.
  for (const { message } of models.flatMap((model) => model.problems)) console.warn(`warning: ${message}`);
  if (models.length === 0) {
    console.log(`No models in ${location} yet. Train one with: pnpm --filter @ganvas/trainer start`);
    return;
  }
  const rows = models.flatMap((model) =>
    model.versions.map((v) => ({
      model: model.name,
      version: String(v.version),
      aliases: v.aliases.join(","),
      data: v.manifest.dataset.name,
      size: `${v.manifest.model.imageSize}px`,
      steps: String(v.manifest.training.steps),
      quality: v.manifest.metrics.quality ? v.manifest.metrics.quality.value.toFixed(2) : "-",
      created: v.manifest.createdAt.slice(0, 19).replace("T", " "),
    })),
  );
  printTable(rows);
}

export async function registryShowCommand(location: string, ref: string): Promise<void> {
  const record = await withRegistry(location, (registry) => registry.resolve(ref));
  console.log(`${record.name}@${record.version}${record.aliases.length ? ` (${record.aliases.join(", ")})` : ""}`);
  console.log(`stored: ${record.dir}`);
  console.log(JSON.stringify(record.manifest, null, 2));
}

export async function registryAliasCommand(
  location: string,
  model: string,
  version: string,
  alias: string,
): Promise<VersionRecord> {
  const number = Number(version);
  if (!Number.isInteger(number) || number < 1) {
    throw new UserError(`Version must be a positive integer (got "${version}"); see \`registry list\`.`);
  }
  return withRegistry(location, async (registry) => {
    const { warnings } = await registry.setAlias(model, alias, number);
    for (const warning of warnings) console.warn(`warning: ${warning}`);
    const record = await registry.resolve(`${model}@${alias}`);
    console.log(`${model}@${alias} -> version ${record.version}`);
    return record;
  });
}

/** Copies models (all, or one) between registries: a folder and a database, either way. */
export async function registryCopyCommand(from: string, to: string, model?: string): Promise<void> {
  if (from === to) throw new UserError(`--from and --to both name ${from}: copy to another registry.`);
  const report = await withRegistry(from, (source) => withRegistry(to, (target) => copyModels(source, target, model)));
  for (const line of report.copied) console.log(`copied ${line}`);
  for (const line of report.skipped) console.log(`skipped ${line}`);
  for (const line of report.problems) console.warn(`warning: ${line}`);
  console.log(
    `${report.copied.length} copied, ${report.skipped.length} already there, ${report.problems.length} not copied (${from} -> ${to})`,
  );
}

/** Removes what publishes that died left behind: staging folders, or blobs no version lists. */
export async function registryGcCommand(location: string): Promise<void> {
  const { removed, what } = await withRegistry(location, (registry) => registry.collectGarbage());
  console.log(`Removed ${removed} ${what} from ${location}.`);
}

function printTable(rows: Array<Record<string, string>>): void {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => row[c] ?? "")));
}
