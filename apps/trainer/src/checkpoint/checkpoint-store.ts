import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { serializeLayersModel, type LayersModelFiles, type NamedTensor } from "@ganvas/core";
import type * as tfl from "@tensorflow/tfjs-layers";
import { writeJsonAtomic } from "@ganvas/registry";
import { UserError } from "../errors";

/** Everything besides the tensors that a resumed run needs to continue exactly where it stopped. */
export interface CheckpointState {
  globalStep: number;
  /** The epoch to continue in and how many of its batches are already done. */
  epoch: number;
  stepInEpoch: number;
  rngState: unknown;
  wallTimeSeconds: number;
}

export interface CheckpointTensors {
  generator: tfl.LayersModel;
  discriminator: tfl.LayersModel;
  optimizer: { generator: NamedTensor[]; discriminator: NamedTensor[] };
}

export interface LoadedCheckpoint {
  state: CheckpointState;
  generator: LayersModelFiles;
  discriminator: LayersModelFiles;
  optimizer: { generator: NamedTensor[]; discriminator: NamedTensor[] };
}

interface Pointer {
  dir: string;
  globalStep: number;
  savedAt: string;
}

const POINTER = "checkpoint.json";
const DISK_FULL = ["ENOSPC", "EDQUOT"];
const UNWRITABLE = ["EROFS", "EACCES", "EPERM"];
const CHECKPOINTS = "checkpoints";

/**
 * Checkpoints of one run. Each is written whole into a temporary folder, renamed into place, and only then
 * does `checkpoint.json` (replaced atomically) point at it: a crash at any moment leaves the previous
 * checkpoint intact and referenced.
 */
export class CheckpointStore {
  constructor(readonly runDir: string) {}

  async save(state: CheckpointState, tensors: CheckpointTensors): Promise<void> {
    const [generator, discriminator] = await Promise.all([
      serializeLayersModel(tensors.generator),
      serializeLayersModel(tensors.discriminator),
    ]);
    const root = join(this.runDir, CHECKPOINTS);
    const step = `step-${String(state.globalStep).padStart(7, "0")}`;
    // Saving the step the pointer already names (a resumed run stopped before its first step) must not touch it.
    const name = (await this.readPointer())?.dir === `${CHECKPOINTS}/${step}` ? `${step}-${Date.now()}` : step;
    const staging = join(root, `.tmp-${name}-${process.pid}-${Date.now()}`);
    const final = join(root, name);
    await this.guardWrite(`checkpoint of step ${state.globalStep}`, async () => {
      try {
        await mkdir(staging, { recursive: true });
        await writeModel(staging, "generator", generator);
        await writeModel(staging, "discriminator", discriminator);
        await writeNamedTensors(staging, "optimizer-generator", tensors.optimizer.generator);
        await writeNamedTensors(staging, "optimizer-discriminator", tensors.optimizer.discriminator);
        await writeFile(join(staging, "state.json"), JSON.stringify(state));
        await rm(final, { recursive: true, force: true });
        await rename(staging, final);
        const pointer: Pointer = {
          dir: `${CHECKPOINTS}/${name}`,
          globalStep: state.globalStep,
          savedAt: new Date().toISOString(),
        };
        await writeJsonAtomic(join(this.runDir, POINTER), pointer);
      } catch (error) {
        // The pointer still names the previous checkpoint: remove what this save wrote, whole or partial.
        await Promise.all([staging, final].map((dir) => rm(dir, { recursive: true, force: true })));
        throw error;
      }
    });
    await this.removeAllBut(name);
  }

  /**
   * Runs a write into the run folder. A full disk or a folder that refuses writes stops the run with a
   * message that names the folder, the checkpoint that is kept and how to continue; other errors pass through.
   */
  async guardWrite<T>(what: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      const problem = DISK_FULL.includes(code)
        ? `No space left on the disk that holds ${this.runDir} (${code})`
        : UNWRITABLE.includes(code)
          ? `Cannot write to ${this.runDir} (${code})`
          : undefined;
      if (problem === undefined) throw error;
      const fix = DISK_FULL.includes(code) ? "free some space on that disk" : "make that folder writable";
      const kept = await this.readPointer().catch(() => undefined);
      const next = kept
        ? `The checkpoint of step ${kept.globalStep} is intact: ${fix}, then continue the run with --resume ${this.runDir}.`
        : `No checkpoint was saved yet: ${fix}, then start the run again.`;
      throw new UserError(`${problem} while writing the ${what}. ${next}`);
    }
  }

  async exists(): Promise<boolean> {
    return (await this.readPointer()) !== undefined;
  }

  async load(): Promise<LoadedCheckpoint> {
    const pointer = await this.readPointer();
    if (!pointer) {
      throw new UserError(`Run folder ${this.runDir} has no checkpoint yet (no ${POINTER}); start a new run instead.`);
    }
    const dir = join(this.runDir, pointer.dir);
    try {
      const state = JSON.parse(await readFile(join(dir, "state.json"), "utf8")) as CheckpointState;
      return {
        state,
        generator: await readModel(dir, "generator"),
        discriminator: await readModel(dir, "discriminator"),
        optimizer: {
          generator: await readNamedTensors(dir, "optimizer-generator"),
          discriminator: await readNamedTensors(dir, "optimizer-discriminator"),
        },
      };
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(
        `Checkpoint ${dir} cannot be read (${String(error)}). Start a new run, or restore the folder.`,
      );
    }
  }

  private async readPointer(): Promise<Pointer | undefined> {
    try {
      return JSON.parse(await readFile(join(this.runDir, POINTER), "utf8")) as Pointer;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new UserError(`${join(this.runDir, POINTER)} is unreadable (${String(error)}).`);
    }
  }

  /** Older checkpoints and orphaned temporary folders of crashed saves. */
  private async removeAllBut(keep: string): Promise<void> {
    const root = join(this.runDir, CHECKPOINTS);
    for (const entry of await readdir(root)) {
      if (entry !== keep) await rm(join(root, entry), { recursive: true, force: true });
    }
  }
}

async function writeModel(dir: string, name: string, files: LayersModelFiles): Promise<void> {
  await writeFile(join(dir, `${name}.json`), files.modelJson);
  await writeFile(join(dir, `${name}.bin`), files.weights);
}

async function readModel(dir: string, name: string): Promise<LayersModelFiles> {
  return {
    modelJson: await readFile(join(dir, `${name}.json`), "utf8"),
    weights: new Uint8Array(await readFile(join(dir, `${name}.bin`))),
  };
}

async function writeNamedTensors(dir: string, name: string, tensors: NamedTensor[]): Promise<void> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  const bytes = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  await writeFile(join(dir, `${name}.json`), JSON.stringify(specs));
  await writeFile(join(dir, `${name}.bin`), new Uint8Array(bytes));
}

async function readNamedTensors(dir: string, name: string): Promise<NamedTensor[]> {
  const specs = JSON.parse(await readFile(join(dir, `${name}.json`), "utf8")) as tf.io.WeightsManifestEntry[];
  const buffer = await readFile(join(dir, `${name}.bin`));
  const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  const map = tf.io.decodeWeights(data, specs);
  return specs.map((spec) => ({ name: spec.name, tensor: map[spec.name] as tf.Tensor }));
}
