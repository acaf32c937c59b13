import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** Runs a program and returns its stdout; a failure names the command and carries its stderr. */
export async function run(file: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  try {
    const { stdout } = await execFileAsync(file, args, { ...options, maxBuffer: 64 * 2 ** 20, encoding: "utf8" });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${file} ${args.join(" ")} failed${stderr ? `:\n${stderr}` : `: ${String(error)}`}`, {
      cause: error,
    });
  }
}
