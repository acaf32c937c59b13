import { spawnSync } from "node:child_process";
import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STALE_STAGING_MS, cleanAbandonedStaging, createStaging } from "../src/staging";
import { withTempRegistry } from "./support/sample";

/** The pid of a process that has certainly exited (and been reaped). */
function deadPid(): number {
  const result = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(result.stdout);
}

async function fakeStaging(root: string, entry: string, owner?: object): Promise<string> {
  const dir = join(root, "models", "digits", ".staging", entry);
  await mkdir(join(dir, "content"), { recursive: true });
  if (owner) await writeFile(join(dir, "owner.json"), JSON.stringify(owner));
  return dir;
}

describe("cleaning abandoned staging folders", () => {
  it("removes folders of dead or long-gone publishers and keeps live ones", () =>
    withTempRegistry(async (_registry, root) => {
      const now = Date.now();
      const live = await createStaging(root, "digits");
      await fakeStaging(root, "dead-pid", { pid: deadPid(), host: hostname(), startedAt: now });
      await fakeStaging(root, "too-old", {
        pid: process.pid,
        host: hostname(),
        startedAt: now - STALE_STAGING_MS - 1000,
      });
      await fakeStaging(root, "other-host-recent", { pid: 1, host: `not-${hostname()}`, startedAt: now });
      await fakeStaging(root, "no-owner-recent");
      const old = await fakeStaging(root, "no-owner-old");
      const longAgo = new Date(now - STALE_STAGING_MS - 60_000);
      await utimes(old, longAgo, longAgo);

      expect(await cleanAbandonedStaging(root, "digits", now)).toBe(3);
      const left = await readdir(join(root, "models", "digits", ".staging"));
      expect(left.sort()).toEqual([live.dir.split("/").at(-1), "no-owner-recent", "other-host-recent"].sort());
    }));

  it("does nothing for a model without a staging folder", () =>
    withTempRegistry(async (_registry, root) => {
      expect(await cleanAbandonedStaging(root, "digits")).toBe(0);
    }));
});
