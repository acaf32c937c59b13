import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli } from "./support/cli-process";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-telemetry-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Everything onnxruntime-node's 1DS telemetry leaves behind for one training process. */
async function telemetryOf(env: Record<string, string>) {
  const home = await mkdtemp(join(root, "home-"));
  const args = [
    "train",
    "--preset",
    "tiny",
    "--max-steps",
    "2",
    "--backend",
    "onnxruntime",
    "--registry",
    join(root, "registry"),
  ];
  // onnxruntime's telemetry also stays off wherever CI is set (as .ci/run sets it): without this, both cases
  // would see nothing and the default would go untested.
  const child = startCli([...args, "--name", "telemetry"], {
    HOME: home,
    XDG_CACHE_HOME: join(home, ".cache"),
    CI: undefined,
    ...env,
  });
  const result = await child.output;
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("backend: using onnxruntime");
  const debugLog = `/tmp/mat-debug-${child.pid}.log`;
  const wroteDebugLog = existsSync(debugLog);
  await rm(debugLog, { force: true });
  const cache = join(home, ".cache", "Microsoft", "DeveloperTools", ".onnxruntime");
  const cached = existsSync(cache) ? await readdir(cache, { recursive: true }) : [];
  return { wroteDebugLog, cached };
}

describe("onnxruntime telemetry", () => {
  // Not inherited from whoever runs the tests: the default is what is under test.
  const unset = { ORT_DISABLE_TELEMETRY: "" };

  it("is off by default: a training run on onnxruntime writes no mat-debug log and no event cache", async () => {
    const left = await telemetryOf(unset);
    expect(left.wroteDebugLog).toBe(false);
    expect(left.cached).toEqual([]);
  });

  it("is on where the user opts in with ORT_DISABLE_TELEMETRY=0 (so the check above can see it)", async () => {
    const left = await telemetryOf({ ORT_DISABLE_TELEMETRY: "0" });
    expect(left.wroteDebugLog).toBe(true);
    expect(left.cached.length).toBeGreaterThan(0);
  });
});
