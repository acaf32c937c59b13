import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./support/pnpm-start";

let copy: string;
beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), "ganvas-install-"));
});
afterAll(() => rm(copy, { recursive: true, force: true }));

/** The workspace's manifests, lockfile, settings and dependency patches: all `pnpm install` reads. */
async function copyManifests(to: string): Promise<void> {
  for (const file of ["package.json", "pnpm-workspace.yaml", "pnpm-lock.yaml", ".npmrc", "patches"]) {
    if (existsSync(join(repoRoot, file))) await cp(join(repoRoot, file), join(to, file), { recursive: true });
  }
  for (const group of ["apps", "packages", "tooling"]) {
    for (const name of await readdir(join(repoRoot, group))) {
      const manifest = join(repoRoot, group, name, "package.json");
      if (!existsSync(manifest)) continue;
      await mkdir(join(to, group, name), { recursive: true });
      await cp(manifest, join(to, group, name, "package.json"));
    }
  }
}

function pnpmInstall(cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn("pnpm", ["install", "--frozen-lockfile"], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("a first `pnpm install`", () => {
  it(
    "on a machine that cannot download libtensorflow prints no failures or stack traces",
    { timeout: 600_000 },
    async () => {
      await copyManifests(copy);
      // tfjs-node's install script downloads libtensorflow from here: nothing answers.
      const install = await pnpmInstall(copy, { TFJS_NODE_CDN_STORAGE: "http://127.0.0.1:9/", FORCE_COLOR: "0" });
      expect(install.code).toBe(0);
      expect(install.output).not.toMatch(/\bFailed\b/);
      expect(install.output).not.toMatch(/^.*\s{4}at \S.*$/m);
    },
  );
});
