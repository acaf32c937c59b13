import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import type { BenchResults } from "./results";

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** What the figures depend on besides the code: the CPU, Node, and how busy the machine was at the start. */
export function machineInfo(): BenchResults["machine"] {
  return {
    cpuModel: cpus()[0]?.model ?? "unknown",
    cpus: cpus().length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    gitCommit: gitCommit(),
    loadAverageAtStart: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
}
