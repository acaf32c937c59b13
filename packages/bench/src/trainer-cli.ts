import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./repo-root";

/**
 * Runs the trainer's CLI (apps/trainer, `src/cli.ts` through tsx, as `pnpm start` does) with `args`; its stdout
 * and stderr go to `logFile`. Resolves to its stdout; a failure names the log.
 */
export async function runTrainerCli(args: string[], logFile: string, timeoutMs?: number): Promise<string> {
  const log = createWriteStream(logFile);
  let stdout = "";
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: join(repoRoot(), "apps", "trainer"),
      stdio: "pipe",
      ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
    });
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on("error", reject);
    child.on("close", resolve);
  });
  await new Promise((resolve) => log.end(resolve));
  if (code !== 0) throw new Error(`trainer ${args[0] ?? ""} exited with ${String(code)}; see ${logFile}`);
  return stdout;
}
