import { relative, sep } from "node:path";

/** Labels are stored one byte each. */
export const MAX_FOLDER_CLASSES = 256;

export type FolderClasses = { labels: Uint8Array; classNames: string[] } | { problem: string };

/**
 * Classes of a folder data set from its sub-folders: an image's class is the first-level sub-folder it is in
 * (faces/cat/a.png and faces/cat/more/b.png are both "cat"), classes in name order. A layout that gives no
 * classes (an image beside the sub-folders, a single sub-folder, too many) is described in `problem`.
 */
export function folderClasses(folder: string, files: readonly string[]): FolderClasses {
  const tops = files.map((file) => relative(folder, file).split(sep));
  const loose = tops.find((parts) => parts.length < 2);
  if (loose !== undefined) return { problem: `${loose.join(sep)} is not in a sub-folder` };
  const classNames = [...new Set(tops.map((parts) => parts[0]!))].sort();
  if (classNames.length < 2)
    return { problem: `all images are in one sub-folder (${classNames[0]}), and it takes two classes or more` };
  if (classNames.length > MAX_FOLDER_CLASSES) {
    return { problem: `it has ${classNames.length} sub-folders, more than ${MAX_FOLDER_CLASSES} classes` };
  }
  const index = new Map(classNames.map((name, label) => [name, label]));
  return { labels: Uint8Array.from(tops, (parts) => index.get(parts[0]!)!), classNames };
}
