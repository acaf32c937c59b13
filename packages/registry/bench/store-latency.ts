// Publish and list latencies of the two stores side by side: 100 versions of one model published one after
// another into a folder and into PostgreSQL + S3 (local servers: Debian's PostgreSQL, s3rver), then the
// model listed (every file's presence and size checked) and one version's weights read (hash-checked).
// Run: pnpm --filter @ganvas/registry bench   (BENCH_VERSIONS=20 for a quick look)
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PublishFile, Registry } from "../src/index";
import { PostgresS3Store } from "../src/postgres-store";
import { startRegistryServers } from "../testing/local-servers";
import { sampleDraft } from "../test/support/sample";

const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 100);
const LISTS = 10;

/** A version of the tiny preset's size: topology, 170 KB of weights, a sample grid and a loss history. */
function versionFiles(): PublishFile[] {
  return [
    { path: "model.json", role: "generator-topology", data: randomBytes(6 * 1024).toString("hex") },
    { path: "weights.bin", role: "generator-weights", data: randomBytes(170 * 1024) },
    { path: "samples.png", role: "samples", data: randomBytes(20 * 1024) },
    { path: "losses.json", role: "losses", data: randomBytes(4 * 1024).toString("hex") },
  ];
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

type Figures = { publish: number[]; list: number[]; read: number[] };

async function measure(registry: Registry): Promise<Figures> {
  const publish: number[] = [];
  for (let index = 0; index < VERSIONS; index += 1) {
    publish.push(
      await timed(() => registry.publish({ name: "bench", manifest: sampleDraft(), files: versionFiles() })),
    );
  }
  const list: number[] = [];
  for (let index = 0; index < LISTS; index += 1) list.push(await timed(() => registry.listModels()));
  const read: number[] = [];
  for (let version = 1; version <= Math.min(VERSIONS, 20); version += 1) {
    read.push(await timed(() => registry.readFile("bench", version, "weights.bin")));
  }
  return { publish, list, read };
}

function row(label: string, folder: number[], database: number[]): string {
  const f = [...folder].sort((a, b) => a - b);
  const d = [...database].sort((a, b) => a - b);
  const cell = (values: number[]) => `${quantile(values, 0.5).toFixed(1)} / ${quantile(values, 0.9).toFixed(1)}`;
  const ratio = (quantile(d, 0.5) / quantile(f, 0.5)).toFixed(1);
  return `| ${label} | ${cell(f)} | ${cell(d)} | ${ratio}x |`;
}

const root = await mkdtemp(join(tmpdir(), "ganvas-bench-"));
const servers = await startRegistryServers();
try {
  const folder = new Registry(root);
  const env = await servers.newRegistry();
  const database = new Registry(PostgresS3Store.fromEnvironment(env.GANVAS_REGISTRY!, env));
  await database.checkWritable(); // connecting and migrating are not part of a publish
  const folderFigures = await measure(folder);
  const databaseFigures = await measure(database);
  await database.close();
  console.log(`${VERSIONS} versions of ~200 KB (4 files) each, one process, median / p90 in ms:`);
  console.log("| operation | folder | PostgreSQL + s3rver | median ratio |");
  console.log("| --- | --- | --- | --- |");
  console.log(row("publish one version", folderFigures.publish, databaseFigures.publish));
  console.log(row(`list the model (${VERSIONS} versions)`, folderFigures.list, databaseFigures.list));
  console.log(row("read weights.bin (hash-checked)", folderFigures.read, databaseFigures.read));
} finally {
  await servers.stop();
  await rm(root, { recursive: true, force: true });
}
