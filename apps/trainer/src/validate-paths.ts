// Output paths named on the command line, checked before the work whose result they will hold.
import { stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { UserError } from "./errors";

/** Fails unless `path` can be written as a new or replaced file: its folder exists and it is no folder itself. */
export async function checkOutputFile(flag: string, path: string): Promise<void> {
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) {
    throw new UserError(`${flag} ${path} is a folder. Pass a file name, e.g. ${join(path, "samples.png")}.`);
  }
  const folder = dirname(path);
  const parent = await stat(folder).catch(() => undefined);
  if (!parent) {
    throw new UserError(
      `${flag} ${path}: the folder ${folder} does not exist. Create it first, or pass a path in an existing folder.`,
    );
  }
  if (!parent.isDirectory()) {
    throw new UserError(`${flag} ${path}: ${folder} is a file, not a folder. Pass a path in an existing folder.`);
  }
}

/** Writes the file checked by `checkOutputFile`; a failure (read-only, disk full) is named, not thrown raw. */
export async function writeOutputFile(flag: string, path: string, data: Uint8Array): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UserError(
      `${flag} ${path} could not be written (${reason}). Check that its folder is writable and has space, or pass another path.`,
    );
  }
}
