import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { writeJsonAtomic } from "./atomic";
import { errnoCode } from "./errors";
import { layout } from "./paths";

/**
 * A publish builds its version in `.staging/<uuid>/content/` and renames that folder into place, so the
 * owner record in `.staging/<uuid>/owner.json` never becomes part of the version.
 */
export type Staging = { dir: string; contentDir: string };

const OWNER_FILE = "owner.json";
/** A staging folder this old is abandoned even if its pid seems alive (pids get reused). */
export const STALE_STAGING_MS = 30 * 60 * 1000;

const ownerSchema = z.object({ pid: z.int(), host: z.string(), startedAt: z.number() });
type Owner = z.infer<typeof ownerSchema>;

export async function createStaging(root: string, name: string): Promise<Staging> {
  const dir = join(layout.staging(root, name), randomUUID());
  const contentDir = join(dir, "content");
  const owner: Owner = { pid: process.pid, host: hostname(), startedAt: Date.now() };
  try {
    await mkdir(contentDir, { recursive: true });
    await writeJsonAtomic(join(dir, OWNER_FILE), owner);
  } catch (error) {
    // Without its owner record the folder would only count as abandoned after STALE_STAGING_MS.
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, contentDir };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return errnoCode(error) !== "ESRCH";
  }
}

async function readOwner(dir: string): Promise<Owner | undefined> {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(await readFile(join(dir, OWNER_FILE), "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function isAbandoned(dir: string, now: number): Promise<boolean> {
  const owner = await readOwner(dir);
  if (owner !== undefined) {
    // Only a pid on this machine can be checked; on a shared disk fall back to age.
    if (owner.host === hostname() && !isProcessAlive(owner.pid)) return true;
    return now - owner.startedAt > STALE_STAGING_MS;
  }
  // No owner record: the publisher died between mkdir and writing it, or someone else made the folder.
  try {
    return now - (await stat(dir)).mtimeMs > STALE_STAGING_MS;
  } catch {
    return false;
  }
}

/** Removes staging folders left by crashed publishes; returns how many went. Safe to run concurrently. */
export async function cleanAbandonedStaging(root: string, name: string, now = Date.now()): Promise<number> {
  const stagingRoot = layout.staging(root, name);
  let entries: string[];
  try {
    entries = await readdir(stagingRoot);
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return 0;
    throw error;
  }
  let removed = 0;
  for (const entry of entries) {
    const dir = join(stagingRoot, entry);
    if (await isAbandoned(dir, now)) {
      await rm(dir, { recursive: true, force: true });
      removed += 1;
    }
  }
  return removed;
}
