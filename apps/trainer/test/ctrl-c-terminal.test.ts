import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { runCli } from "./support/cli-process";
import { repoRoot } from "./support/pnpm-start";
import { runInTerminal } from "./support/terminal";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-ctrl-c-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const STEPS = 60;
const common = ["--preset", "tiny", "--backend", "cpu", "--seed", "3", "--max-steps", String(STEPS)];

type Losses = Array<{ step: number; dLoss: number; gLoss: number }>;
const readLosses = async (dir: string) => JSON.parse(await readFile(join(dir, "losses.json"), "utf8")) as Losses;

describe("Ctrl-C typed into a terminal running the documented command", () => {
  it(
    "`pnpm --filter trainer start train` checkpoints and exits 130; --resume ends as an uninterrupted run",
    { timeout: 600_000 },
    async () => {
      const registry = join(root, "registry");
      const stopped = await runInTerminal(
        ["pnpm", "--filter", "trainer", "start", "train", ...common, "--registry", registry, "--name", "resumed"],
        {
          cwd: repoRoot,
          interruptAfter: /step [1-9]\d*\/\d+/,
          timeoutSeconds: 300,
        },
      );
      expect(stopped.output).toContain("Stopping after the current step");
      expect(stopped.output).toContain("checkpoint saved");
      expect(stopped.code).toBe(130);

      const runName = (await readdir(join(registry, "runs"))).find((name) => name.startsWith("resumed-"));
      expect(runName).toBeDefined();
      const runDir = join(registry, "runs", runName!);
      const pointer = JSON.parse(await readFile(join(runDir, "checkpoint.json"), "utf8")) as { globalStep: number };
      expect(pointer.globalStep).toBeGreaterThanOrEqual(1);
      expect(pointer.globalStep).toBeLessThan(STEPS);

      const resumed = await runCli(["train", "--registry", registry, "--resume", runDir]);
      expect(resumed.stderr).toBe("");
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain(`step ${pointer.globalStep}`);
      const straight = await runCli(["train", ...common, "--registry", registry, "--name", "straight"]);
      expect(straight.code).toBe(0);

      const reg = new Registry(registry);
      const [a, b] = await Promise.all([reg.resolve("straight"), reg.resolve("resumed")]);
      expect(b.manifest.lineage.resumedFrom).toBe(runName);
      const lossesB = await readLosses(b.dir);
      expect(lossesB.map((l) => l.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1));
      expect(lossesB).toEqual(await readLosses(a.dir));
      const weights = (record: typeof a) =>
        record.manifest.files.find((file) => file.role === "generator-weights")?.sha256;
      expect(weights(b)).toBe(weights(a));
    },
  );
});
