import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Evaluators built once by `train-evaluator --ship` and kept in the repository (apps/trainer/evaluators), so
 * that a fresh clone scores its first run without training one.
 */
export const SHIPPED_EVALUATORS_DIR = fileURLToPath(new URL("../../evaluators/", import.meta.url));

/** What `train-evaluator --ship` measured; `check` again by the tests, from the shipped files. */
export interface ShippedEvaluatorInfo {
  name: string;
  imageSize: number;
  channels: 1 | 3;
  /** On all held-out images, on the backend it was trained on. */
  heldOutAccuracy: number;
  heldOutCount: number;
  /** The real-data floor (see realDataFloor) at realDataFloorSamples images, on that backend. */
  realDataFloor: number;
  realDataFloorSamples: number;
  /**
   * Accuracy and floor on the first `samples` held-out images, on the cpu backend (the same bits on every
   * machine): few enough that a test can measure them again in seconds, and must get them exactly.
   */
  check: { samples: number; heldOutAccuracy: number; realDataFloor: number };
  /** The registry manifest it is published with on first use (validated by the registry then). */
  manifest: unknown;
}

export interface ShippedEvaluator {
  info: ShippedEvaluatorInfo;
  modelJson: string;
  weights: Uint8Array;
}

const INFO_FILE = "evaluator.json";
const MODEL_FILE = "model.json";
const WEIGHTS_FILE = "weights.bin";

/** The shipped evaluator of this name, or undefined when none ships. */
export async function readShippedEvaluator(
  name: string,
  dir: string = SHIPPED_EVALUATORS_DIR,
): Promise<ShippedEvaluator | undefined> {
  const folder = join(dir, name);
  let infoText: string;
  try {
    infoText = await readFile(join(folder, INFO_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const [modelJson, weights] = await Promise.all([
    readFile(join(folder, MODEL_FILE), "utf8"),
    readFile(join(folder, WEIGHTS_FILE)),
  ]);
  return { info: JSON.parse(infoText) as ShippedEvaluatorInfo, modelJson, weights: new Uint8Array(weights) };
}

/** Writes (or replaces) a shipped evaluator; the folder appears whole or not at all. */
export async function writeShippedEvaluator(
  evaluator: ShippedEvaluator,
  dir: string = SHIPPED_EVALUATORS_DIR,
): Promise<string> {
  const folder = join(dir, evaluator.info.name);
  const staging = `${folder}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFile(join(staging, INFO_FILE), `${JSON.stringify(evaluator.info, null, 2)}\n`);
  await writeFile(join(staging, MODEL_FILE), evaluator.modelJson);
  await writeFile(join(staging, WEIGHTS_FILE), evaluator.weights);
  await rm(folder, { recursive: true, force: true });
  await rename(staging, folder);
  return folder;
}
