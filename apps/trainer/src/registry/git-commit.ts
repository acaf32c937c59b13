import { execFileSync } from "node:child_process";

/** The checkout's commit, recorded in manifests for reproducibility; null outside a git checkout. */
export function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}
