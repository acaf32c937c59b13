import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { RegistryError, errnoCode } from "./errors";

/**
 * The registry folder itself: a file where it should be, or a folder that cannot be written, is named with
 * what to do instead of surfacing as a raw errno (or, worse, as "the registry is empty").
 */
const CHOOSE_FOLDER = "Choose another folder for the registry (--registry or GANVAS_REGISTRY).";
const CHOOSE_WRITABLE = "Choose a writable folder for the registry (--registry or GANVAS_REGISTRY).";

function notAFolder(root: string, file: string): RegistryError {
  const where =
    file === root
      ? `The registry path ${root} is a file, not a folder.`
      : `The registry path ${root} cannot be a folder: ${file} is a file, not a folder.`;
  return new RegistryError("INVALID", `${where} ${CHOOSE_FOLDER}`);
}

/** The nearest path at or above `root` that exists (undefined if none does); INVALID if it is not a folder. */
async function nearestExistingFolder(root: string): Promise<string | undefined> {
  let current = root;
  for (;;) {
    try {
      if (!(await stat(current)).isDirectory()) throw notAFolder(root, current);
      return current;
    } catch (error) {
      const code = errnoCode(error);
      if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** For reading: a registry that does not exist yet is empty, but a file where its folder should be is an error. */
export async function checkReadableRoot(root: string): Promise<void> {
  await nearestExistingFolder(root);
}

const UNWRITABLE_REASONS: Record<string, string> = {
  EROFS: "it is on a read-only file system (EROFS)",
  EACCES: "permission denied (EACCES)",
  EPERM: "the operation is not permitted (EPERM)",
};

/**
 * Turns a failed write into a message that names the registry, what happened to the operation
 * (`consequence`, e.g. "nothing was published") and what to do; any other error passes through unchanged.
 */
export function storageError(root: string, error: unknown, consequence?: string): unknown {
  if (error instanceof RegistryError) return error;
  const code = errnoCode(error);
  const outcome = consequence === undefined ? "" : `; ${consequence}`;
  if (code === "ENOSPC" || code === "EDQUOT") {
    return new RegistryError(
      "UNWRITABLE",
      `The disk holding the registry ${root} is full (${code})${outcome}. Free some space and try again.`,
      {
        cause: error,
      },
    );
  }
  const reason = code === undefined ? undefined : UNWRITABLE_REASONS[code];
  if (reason === undefined) return error;
  return new RegistryError(
    "UNWRITABLE",
    `Cannot write to the registry at ${root}: ${reason}${outcome}. ${CHOOSE_WRITABLE}`,
    {
      cause: error,
    },
  );
}

/**
 * For writing, checked before any work: the registry folder, or the folder it will be created in, must be a
 * folder that accepts writes. Creates nothing.
 */
export async function checkWritableRoot(root: string): Promise<void> {
  const folder = await nearestExistingFolder(root);
  if (folder === undefined) return;
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    throw storageError(root, error);
  }
}
