import { createHash } from "node:crypto";
import { readdir, readFile, rm, statfs, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mountTmpfs } from "@ganvas/vitest-config/tmpfs";
import { runCli } from "../support/cli-process";
import { expectUserError } from "../support/user-error";

// A full disk needs a real one: a small tmpfs (CI runs as root). Where mounting is not permitted the test
// says why it is skipped.
const disk = mountTmpfs("size=4m");
afterAll(() => disk.dir && disk.unmount());

const PAGE = 4096;
const pages = (bytes: number) => Math.ceil(bytes / PAGE) * PAGE;

/** Every file under `dir` with a hash of its content, by relative path. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = createHash("sha256")
      .update(await readFile(path))
      .digest("hex");
  }
  return files;
}

/** Takes all of the disk's free space but `free` bytes. */
async function fillLeaving(dir: string, free: number): Promise<string> {
  const filler = join(dir, "filler");
  const { bavail, bsize } = await statfs(dir);
  await writeFile(filler, Buffer.alloc(Math.max(0, bavail * bsize - free)));
  return filler;
}

describe("a disk that fills up during a run", () => {
  it(
    "stops the run with a message naming the folder, keeps the last checkpoint and leaves no temporary files",
    { timeout: 600_000 },
    async (ctx) => {
      if (disk.dir === undefined) return ctx.skip(disk.reason);
      const registry = join(disk.dir, "registry");
      const common = ["train", "--backend", "cpu", "--registry", registry];
      const first = await runCli([...common, "--preset", "tiny", "--max-steps", "2", "--name", "full"]);
      expect(first.code).toBe(0);
      const [runName] = await readdir(join(registry, "runs"));
      const runDir = join(registry, "runs", runName!);
      const before = await snapshot(runDir);
      const checkpointFiles = Object.keys(before).filter((path) => path.startsWith("checkpoints/"));
      expect(checkpointFiles.length).toBeGreaterThan(0);
      let checkpointBytes = 0;
      for (const path of checkpointFiles) checkpointBytes += pages((await readFile(join(runDir, path))).byteLength);

      // No room at all (the sample grid is the first write), then room for the grid and the losses but only
      // for half of the checkpoint (the checkpoint's own write fails part way).
      const cases = [
        [0, "sample grid and losses"],
        [4 * PAGE + pages(checkpointBytes / 2), "checkpoint"],
      ] as const;
      for (const [free, what] of cases) {
        const filler = await fillLeaving(disk.dir, free);
        const resumed = await runCli([...common, "--resume", runDir, "--max-steps", "4"]);
        expectUserError(
          resumed,
          new RegExp(
            `No space left on the disk that holds ${runDir} \\(ENOSPC\\) while writing the ${what} of step 4\\. ` +
              `The checkpoint of step 2 is intact: free some space on that disk, then continue the run with --resume ${runDir}\\.`,
          ),
        );
        const after = await snapshot(runDir);
        // The checkpoint and its pointer are untouched, and nothing half-written is left anywhere.
        for (const path of [...checkpointFiles, "checkpoint.json"])
          expect(after[path], `${path} with ${free} bytes free`).toBe(before[path]);
        expect(Object.keys(after).filter((path) => path.startsWith("checkpoints/"))).toEqual(checkpointFiles);
        expect(Object.keys(await snapshot(registry)).filter((path) => /(^|\/)\.|\.tmp/.test(path))).toEqual([]);
        await rm(filler);
      }

      // With space again, the run continues from its checkpoint and publishes.
      const done = await runCli([...common, "--resume", runDir, "--max-steps", "4"]);
      expect(done.stderr).toBe("");
      expect(done.code).toBe(0);
      expect(done.stdout).toContain("Resuming");
      expect(done.stdout).toContain("Published full@2");
    },
  );
});
