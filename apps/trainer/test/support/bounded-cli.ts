import { startCli, type CliResult } from "./cli-process";

/** The real CLI, killed after `ms`: a hang (or runaway allocation) fails the test instead of stalling it. */
export async function runCliWithin(args: string[], ms: number): Promise<CliResult & { killed: boolean }> {
  const child = startCli(args);
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill("SIGKILL");
  }, ms);
  const result = await child.output;
  clearTimeout(timer);
  return { ...result, killed };
}
