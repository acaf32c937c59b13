// Shared facts of the end-to-end run: where the temporary registries live and which servers read them.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = path.resolve(APP_ROOT, "..", "..");
export const E2E_ROOT = path.join(APP_ROOT, ".e2e-registry");

/** Trained by the real trainer; two versions. */
export const HEALTHY_REGISTRY = path.join(E2E_ROOT, "healthy");
export const MODEL = "e2e-digits";

/** A quality score recorded on version 2 of MODEL (not computed: no evaluator is trained for the tests). */
export const QUALITY_FIXTURE = {
  kind: "classifier-frechet" as const,
  value: 123.45,
  samples: 64,
  evaluator: "e2e-fixture@1",
  classHistogram: [7, 6, 7, 6, 7, 6, 7, 6, 6, 6],
  /** What real training images score: the page reads 123.45 as 3.0x this. */
  realDataFloor: 41.15,
};

/** Trained for three whole epochs on a small folder of images: its version page has an epoch timeline. */
export const EPOCHS_MODEL = "e2e-epochs";
export const EPOCHS_TRAINED = 3;
/** The folder EPOCHS_MODEL trains on: 48 generated 16x16 images, 3 batches of 16 an epoch. */
export const EPOCHS_IMAGES = path.join(E2E_ROOT, "epoch-images");

/** A short run on the embedded Fashion-MNIST images, with QUALITY_FIXTURE recorded: its classes have names. */
export const FASHION_MODEL = "e2e-fashion";

/** Class-conditional (`train --conditional --preset tiny` on the embedded digits): ten classes named 0 to 9. */
export const CONDITIONAL_MODEL = "e2e-conditional";
export const CONDITIONAL_CLASSES = 10;

/** Like MODEL but with latents of 8 values, not 16: compare refuses to pair it with MODEL. */
export const SMALL_Z_MODEL = "e2e-small-z";

/**
 * Versions damaged on purpose, in a registry of their own: its gallery lists the intact versions and names
 * the damaged ones.
 */
export const DAMAGED_REGISTRY = path.join(E2E_ROOT, "damaged");
export const DAMAGED_MODEL = "e2e-damaged";
export const DAMAGED_VERSIONS = {
  /** Its weights file was deleted after publishing: the registry reports the version as damaged. */
  weightsDeleted: 1,
  /** Its model.json names a weights file the version does not have: only the browser finds out. */
  weightsUnlisted: 2,
  /** Its samples.png was replaced by a symlink to a file outside the registry. */
  symlinkOut: 3,
  /** Its weights file was overwritten at the same size: only the manifest's sha256 tells. */
  weightsAltered: 4,
} as const;

/** A registry folder nobody publishes to: the gallery's empty state. */
export const EMPTY_REGISTRY = path.join(E2E_ROOT, "empty");

/** The registry the /train page publishes into: its server alone runs with GANVAS_ALLOW_PUBLISH=1. */
export const PUBLISH_REGISTRY = path.join(E2E_ROOT, "published");

/** A file outside both registries that symlinks point at; its text must never be served. */
export const OUTSIDE_FILE = path.join(E2E_ROOT, "outside-secret.txt");
export const OUTSIDE_SECRET = "ganvas-e2e-outside-secret";

const basePort = Number(process.env.E2E_PORT ?? 3217);
export const HEALTHY_URL = `http://127.0.0.1:${basePort}`;
export const DAMAGED_URL = `http://127.0.0.1:${basePort + 1}`;
export const EMPTY_URL = `http://127.0.0.1:${basePort + 2}`;
/** The healthy registry copied into PostgreSQL + S3 (global-setup.ts starts both servers on these ports). */
export const DATABASE_URL = `http://127.0.0.1:${basePort + 3}`;
/** The viewer the /train page publishes through (GANVAS_ALLOW_PUBLISH=1, PUBLISH_REGISTRY). */
export const PUBLISHING_URL = `http://127.0.0.1:${basePort + 6}`;
export const PORTS = {
  healthy: basePort,
  damaged: basePort + 1,
  empty: basePort + 2,
  database: basePort + 3,
  postgres: basePort + 4,
  s3: basePort + 5,
  publishing: basePort + 6,
};

/** What the viewer reading the database registry is started with. */
export const DATABASE_REGISTRY_ENV = {
  GANVAS_REGISTRY: `postgres://ganvas@127.0.0.1:${PORTS.postgres}/ganvas_e2e`,
  GANVAS_S3: "s3://ganvas-e2e/registry",
  GANVAS_S3_ENDPOINT: `http://127.0.0.1:${PORTS.s3}`,
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "S3RVER",
  AWS_SECRET_ACCESS_KEY: "S3RVER",
};
