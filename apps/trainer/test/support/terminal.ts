import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const helper = fileURLToPath(new URL("./pty-run.py", import.meta.url));

export interface TerminalResult {
  /** The command's exit code as a shell reports it (128 + n when killed by signal n); null on timeout. */
  code: number | null;
  /** Everything written to the terminal, carriage returns as new lines. */
  output: string;
}

/**
 * Runs `command` in a pseudo-terminal (Python's `pty`, see pty-run.py) as a shell runs a foreground job,
 * and types Ctrl-C into the terminal once its output matches `interruptAfter`.
 */
export function runInTerminal(
  command: string[],
  options: { cwd: string; interruptAfter?: RegExp; timeoutSeconds: number; env?: Record<string, string> },
): Promise<TerminalResult> {
  const args = [helper, options.cwd, String(options.timeoutSeconds), options.interruptAfter?.source ?? "", ...command];
  const child = spawn("python3", args, {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let raw = "";
  child.stdout.on("data", (chunk: Buffer) => (raw += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (helperCode) => {
      const output = raw.replace(/\r\n?/g, "\n");
      const exit = /\npty-run: exit (\d+)\n$/.exec(output);
      if (helperCode !== 0) reject(new Error(`pty-run.py failed (exit ${helperCode}):\n${output}`));
      else resolve({ code: exit ? Number(exit[1]) : null, output });
    });
  });
}
