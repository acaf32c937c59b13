import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CliResult } from "./cli-process";

export const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));

/**
 * Runs the documented command, `pnpm --filter trainer start <args>`, from `cwd` (the repo root unless given:
 * `--dir` points pnpm at the workspace from anywhere, as a user in another folder would).
 */
export function runPnpmStart(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const child = spawn("pnpm", ["--dir", repoRoot, "--filter", "trainer", "start", ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env, FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
