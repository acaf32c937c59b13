import { createReadStream } from "node:fs";
import { realpath } from "node:fs/promises";
import { join, resolve as resolvePath } from "node:path";
import type { Readable } from "node:stream";
import { type Aliases, inspectAliases, updateAliases } from "./aliases";
import { publishToFolder } from "./fs-publish";
import {
  checkListedFile,
  folderRemedy,
  listModelNames,
  listVersionNumbers,
  readManifestFile,
  readModelFolders,
} from "./fs-versions";
import type { ManifestFile } from "./manifest";
import { layout } from "./paths";
import { type Quality, writeQuality } from "./quality";
import { cleanAbandonedStaging } from "./staging";
import { checkReadableRoot, checkWritableRoot, storageError } from "./storage";
import { type GarbageReport, type RegistryStore, type StorePublish, type VersionLocation, toError } from "./store";

/**
 * The registry as a folder (paths.ts has the layout): versions are published by renaming a staged folder into
 * place, aliases live in aliases.json under a cross-process lock. The default: nothing to run, safe for
 * several processes on one machine's disk.
 */
export class FileSystemStore implements RegistryStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolvePath(root);
  }

  get location(): string {
    return this.root;
  }

  checkReadable(): Promise<void> {
    return checkReadableRoot(this.root);
  }

  checkWritable(): Promise<void> {
    return checkWritableRoot(this.root);
  }

  listModelNames(): Promise<string[]> {
    return listModelNames(this.root);
  }

  listVersionNumbers(name: string): Promise<number[]> {
    return listVersionNumbers(this.root, name);
  }

  versionDir(name: string, version: number): string {
    return layout.version(this.root, name, version);
  }

  readManifest(owner: VersionLocation) {
    return readManifestFile(this.root, owner);
  }

  readManifests(owners: VersionLocation[]) {
    return Promise.all(
      owners.map((owner) => readManifestFile(this.root, owner).catch((error: unknown) => toError(error))),
    );
  }

  aliasesLocation(name: string): string {
    return layout.aliases(this.root, name);
  }

  inspectAliases(name: string) {
    return inspectAliases(this.root, name);
  }

  updateAliases(name: string, change: (aliases: Aliases) => Aliases | Promise<Aliases>) {
    return updateAliases(this.root, name, change);
  }

  publish(request: StorePublish) {
    return publishToFolder(this.root, request);
  }

  async setQuality(owner: VersionLocation, quality: Quality): Promise<void> {
    await writeQuality(this.root, owner, quality);
  }

  async checkFiles(files: Array<{ owner: VersionLocation; file: ManifestFile }>): Promise<Array<Error | undefined>> {
    if (files.length === 0) return [];
    const realRoot = await realpath(this.root);
    return Promise.all(
      files.map(({ owner, file }) => checkListedFile(realRoot, owner, file).then(() => undefined, toError)),
    );
  }

  async openFile(owner: VersionLocation, file: ManifestFile): Promise<Readable> {
    // Checked first: the path may come from a URL, and a symlink must not lead out of the registry.
    const real = await checkListedFile(await realpath(this.root), owner, file);
    return createReadStream(real);
  }

  fileLocation(owner: VersionLocation, file: ManifestFile): string {
    return join(owner.dir, file.path);
  }

  damagedVersionRemedy(owner: VersionLocation): string {
    return folderRemedy(owner);
  }

  describeWriteFailure(error: unknown, consequence: string): unknown {
    return storageError(this.root, error, consequence);
  }

  /** Staging folders of publishes that died (each publish also cleans its own model's). */
  async collectGarbage(): Promise<GarbageReport> {
    let removed = 0;
    for (const name of await readModelFolders(this.root)) removed += await cleanAbandonedStaging(this.root, name);
    return { removed, what: "staging folders of publishes that died" };
  }

  async close(): Promise<void> {}
}
