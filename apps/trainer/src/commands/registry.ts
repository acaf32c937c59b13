import { Registry, type VersionRecord } from "@ganvas/registry";
import { UserError } from "../errors";

export async function registryListCommand(root: string): Promise<void> {
  const models = await new Registry(root).listModels();
  // Damage is reported, not fatal: the intact versions are listed all the same.
  for (const { message } of models.flatMap((model) => model.problems)) console.warn(`warning: ${message}`);
  if (models.length === 0) {
    console.log(`No models in ${root} yet. Train one with: pnpm --filter @ganvas/trainer start`);
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

export async function registryShowCommand(root: string, ref: string): Promise<void> {
  const record = await new Registry(root).resolve(ref);
  console.log(`${record.name}@${record.version}${record.aliases.length ? ` (${record.aliases.join(", ")})` : ""}`);
  console.log(`folder: ${record.dir}`);
  console.log(JSON.stringify(record.manifest, null, 2));
}

export async function registryAliasCommand(
  root: string,
  model: string,
  version: string,
  alias: string,
): Promise<VersionRecord> {
  const number = Number(version);
  if (!Number.isInteger(number) || number < 1) {
    throw new UserError(`Version must be a positive integer (got "${version}"); see \`registry list\`.`);
  }
  const registry = new Registry(root);
  const { warnings } = await registry.setAlias(model, alias, number);
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  const record = await registry.resolve(`${model}@${alias}`);
  console.log(`${model}@${alias} -> version ${record.version}`);
  return record;
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
