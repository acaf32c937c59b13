// Builds the registries the end-to-end tests read: two versions trained by the real trainer CLI, and a
// second registry of versions damaged on purpose (republished from the first through @ganvas/registry).
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { PNG } from "pngjs";
import { Registry, copyModels, openRegistry } from "@ganvas/registry";
import type { PublishFile, VersionRecord } from "@ganvas/registry";
import { createDatabase, startPostgres, startS3 } from "@ganvas/registry/testing";
import {
  CONDITIONAL_MODEL,
  DAMAGED_MODEL,
  DAMAGED_REGISTRY,
  DAMAGED_VERSIONS,
  DATABASE_REGISTRY_ENV,
  E2E_ROOT,
  EPOCHS_IMAGES,
  EPOCHS_MODEL,
  EPOCHS_TRAINED,
  FASHION_MODEL,
  HEALTHY_REGISTRY,
  MODEL,
  OUTSIDE_FILE,
  OUTSIDE_SECRET,
  PORTS,
  QUALITY_FIXTURE,
  REPO_ROOT,
  SMALL_Z_MODEL,
} from "./e2e-env";

const run = promisify(execFile);

async function runTrainer(args: string[]): Promise<void> {
  const command = ["--filter", "@ganvas/trainer", "start", "train", "--preset", "tiny", "--backend", "cpu", ...args];
  try {
    await run("pnpm", command, { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`The trainer failed: pnpm ${command.join(" ")}\n${stdout ?? ""}\n${stderr ?? ""}`, {
      cause: error,
    });
  }
}

async function trainTinyVersion(registry: string, name: string, seed: number, extra: string[] = []): Promise<void> {
  await runTrainer([
    "--max-steps",
    "6",
    "--epochs",
    "1",
    "--registry",
    registry,
    "--name",
    name,
    "--seed",
    String(seed),
    ...extra,
  ]);
}

/** 48 images of a bright disc on black, each at its own place and size. */
async function writeEpochImages(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (let index = 0; index < 48; index += 1) {
    const png = new PNG({ width: 16, height: 16 });
    const [cx, cy, radius] = [4 + ((index * 5) % 9), 4 + ((index * 7) % 9), 2 + (index % 4)];
    for (let y = 0; y < 16; y += 1) {
      for (let x = 0; x < 16; x += 1) {
        const value = Math.hypot(x - cx, y - cy) <= radius ? 255 : 0;
        png.data.set([value, value, value, 255], (y * 16 + x) * 4);
      }
    }
    await writeFile(path.join(folder, `disc-${String(index).padStart(2, "0")}.png`), PNG.sync.write(png));
  }
}

/** Three whole epochs of 3 batches: the version publishes an epoch grid after each. */
async function trainEpochsVersion(): Promise<void> {
  await writeEpochImages(EPOCHS_IMAGES);
  await runTrainer([
    "--data",
    `folder:${EPOCHS_IMAGES}`,
    "--epochs",
    String(EPOCHS_TRAINED),
    "--batch-size",
    "16",
    "--registry",
    HEALTHY_REGISTRY,
    "--name",
    EPOCHS_MODEL,
  ]);
}

async function filesOf(record: VersionRecord): Promise<PublishFile[]> {
  return Promise.all(
    record.manifest.files.map(async ({ path: relPath, role }) => ({
      path: relPath,
      role,
      data: new Uint8Array(await readFile(path.join(record.dir, relPath))),
    })),
  );
}

function pathWithRole(record: VersionRecord, role: string): string {
  const file = record.manifest.files.find((entry) => entry.role === role);
  if (!file) throw new Error(`${record.name}@${record.version} has no ${role} file.`);
  return file.path;
}

/** model.json whose weights manifest points at file names the version does not contain. */
function withUnlistedWeights(modelJson: Uint8Array): Uint8Array {
  const topology = JSON.parse(Buffer.from(modelJson).toString("utf8")) as { weightsManifest: { paths: string[] }[] };
  for (const group of topology.weightsManifest) group.paths = group.paths.map((file) => `missing-${file}`);
  return new TextEncoder().encode(JSON.stringify(topology));
}

async function publishDamagedVersions(source: VersionRecord): Promise<void> {
  const registry = new Registry(DAMAGED_REGISTRY);
  const { model, dataset, training, metrics, lineage } = source.manifest;
  const manifest = { model, dataset, training, metrics, lineage };
  const files = await filesOf(source);
  const topologyPath = pathWithRole(source, "generator-topology");

  const deleted = await registry.publish({ name: DAMAGED_MODEL, manifest, files });
  await unlink(path.join(deleted.dir, pathWithRole(deleted, "generator-weights")));

  const unlisted = files.map((file) =>
    file.path === topologyPath ? { ...file, data: withUnlistedWeights(file.data as Uint8Array) } : file,
  );
  const dangling = await registry.publish({ name: DAMAGED_MODEL, manifest, files: unlisted });

  const escaping = await registry.publish({ name: DAMAGED_MODEL, manifest, files });
  const samples = path.join(escaping.dir, pathWithRole(escaping, "samples"));
  await unlink(samples);
  await symlink(OUTSIDE_FILE, samples);

  const altered = await registry.publish({ name: DAMAGED_MODEL, manifest, files });
  const alteredWeights = path.join(altered.dir, pathWithRole(altered, "generator-weights"));
  const weights = await readFile(alteredWeights);
  await writeFile(alteredWeights, weights.fill(0));

  const versions = [deleted.version, dangling.version, escaping.version, altered.version];
  const expected = Object.values(DAMAGED_VERSIONS);
  if (versions.join() !== expected.join())
    throw new Error(`Damaged versions are ${versions.join()}, expected ${expected.join()}.`);
}

/**
 * PostgreSQL and s3rver on the ports the database viewer expects, holding a copy of the healthy registry made
 * with `registry copy`'s code (every file hash-checked on the way). Returns what stops them.
 */
async function startDatabaseRegistry(): Promise<() => Promise<void>> {
  const [postgres, s3] = await Promise.all([
    startPostgres({ port: PORTS.postgres }),
    startS3({ port: PORTS.s3, bucket: "ganvas-e2e" }),
  ]);
  await createDatabase(postgres.url, "ganvas_e2e");
  const [source, target] = await Promise.all([
    openRegistry(HEALTHY_REGISTRY),
    openRegistry(DATABASE_REGISTRY_ENV.GANVAS_REGISTRY, DATABASE_REGISTRY_ENV),
  ]);
  const report = await copyModels(source, target);
  await target.close();
  if (report.problems.length > 0) throw new Error(`Copying to the database registry: ${report.problems.join("; ")}`);
  return async () => {
    await Promise.all([postgres.stop(), s3.stop()]);
  };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = performance.now();
  await rm(E2E_ROOT, { recursive: true, force: true });
  await mkdir(E2E_ROOT, { recursive: true });
  await writeFile(OUTSIDE_FILE, `${OUTSIDE_SECRET}\n`);

  await trainTinyVersion(HEALTHY_REGISTRY, MODEL, 1);
  await trainTinyVersion(HEALTHY_REGISTRY, MODEL, 2);
  const healthy = new Registry(HEALTHY_REGISTRY);
  // Training the evaluator would cost a minute; the gallery only needs a recorded score to show.
  await healthy.setQuality(MODEL, 2, QUALITY_FIXTURE);
  await trainEpochsVersion();
  // At 32x32, so that the evaluator that ships scores it; on wasm, where scoring 5,000 samples takes seconds.
  await runTrainer([
    "--data",
    "fashion-mnist-embedded",
    "--image-size",
    "32",
    "--backend",
    "wasm",
    "--max-steps",
    "3",
    "--registry",
    HEALTHY_REGISTRY,
    "--name",
    FASHION_MODEL,
  ]);
  // Its score is real: the trainer scores Fashion-MNIST versions with the evaluator that ships with it.
  await trainTinyVersion(HEALTHY_REGISTRY, CONDITIONAL_MODEL, 3, ["--conditional"]);
  await trainTinyVersion(HEALTHY_REGISTRY, SMALL_Z_MODEL, 5, ["--z-dim", "8"]);
  const first = await healthy.resolve(`${MODEL}@1`);
  // An unlisted file in a version folder that leads out of the registry.
  await symlink(OUTSIDE_FILE, path.join(first.dir, "outside-link.txt"));
  await publishDamagedVersions(first);
  const stopDatabase = await startDatabaseRegistry();
  console.log(`[e2e] registries ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${E2E_ROOT}`);
  return stopDatabase;
}
