// The tutorial keeps the fixed-noise grid of every epoch (its img_list) to show how the generator progresses;
// a run writes them as samples/epoch-NNNN.png and its published version carries them all.
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";

export const SAMPLES_FOLDER = "samples";
const EPOCH_GRID = /^epoch-(\d{4,})\.png$/;

/** The grid file's name without `.png`: epoch 3 (three epochs finished) is `epoch-0003`. */
export function epochGridLabel(epoch: number): string {
  return `epoch-${String(epoch).padStart(4, "0")}`;
}

export interface EpochGrid {
  /** Epochs finished when the grid was drawn (1 = after the first). */
  epoch: number;
  png: Buffer;
}

/** Every epoch grid of a run folder, by epoch (a resumed run's earlier ones included). */
export async function readEpochGrids(runDir: string): Promise<EpochGrid[]> {
  const folder = join(runDir, SAMPLES_FOLDER);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const epochs = names.flatMap((name) => {
    const match = EPOCH_GRID.exec(name);
    return match ? [{ name, epoch: Number(match[1]) }] : [];
  });
  epochs.sort((a, b) => a.epoch - b.epoch);
  return Promise.all(epochs.map(async ({ name, epoch }) => ({ epoch, png: await readFile(join(folder, name)) })));
}
