import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { runCli, startCli, waitForOutput } from "./support/cli-process";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-resume-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const STEPS = 8;
const common = (backend: string) => [
  "--preset",
  "tiny",
  "--backend",
  backend,
  "--seed",
  "5",
  "--max-steps",
  String(STEPS),
];

function weightsHash(record: Awaited<ReturnType<Registry["resolve"]>>): string | undefined {
  return record.manifest.files.find((file) => file.role === "generator-weights")?.sha256;
}

// cpu: the reference; onnxruntime: what `auto` picks on a CPU machine, native kernels on their own threads.
describe.each(["cpu", "onnxruntime"])("stopping and resuming a run on %s", (backend) => {
  it("Ctrl-C writes a checkpoint and exits 130; --resume ends with the weights of an uninterrupted run", async () => {
    const registry = join(root, `registry-${backend}`);
    const straight = await runCli(["train", ...common(backend), "--registry", registry, "--name", "straight"]);
    expect(straight.code).toBe(0);

    const child = startCli(["train", ...common(backend), "--registry", registry, "--name", "resumed"]);
    // The first step is always logged; interrupt right after it, well before the last step.
    await waitForOutput(child, /step 1\/8/);
    child.kill("SIGINT");
    const stopped = await child.output;
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toContain("checkpoint saved");

    const runs = await readdir(join(registry, "runs"));
    const runName = runs.find((name) => name.startsWith("resumed-"));
    expect(runName).toBeDefined();
    const runDir = join(registry, "runs", runName!);
    const pointer = JSON.parse(await readFile(join(runDir, "checkpoint.json"), "utf8")) as { globalStep: number };
    expect(pointer.globalStep).toBeGreaterThanOrEqual(1);
    expect(pointer.globalStep).toBeLessThan(STEPS);
    const lossesAtStop = JSON.parse(await readFile(join(runDir, "losses.json"), "utf8")) as Array<{
      step: number;
      dLoss: number;
    }>;
    expect(lossesAtStop.map((l) => l.step)).toEqual(Array.from({ length: pointer.globalStep }, (_, i) => i + 1));
    // Nothing of the interrupted run was published.
    await expect(new Registry(registry).resolve("resumed")).rejects.toThrow(/resumed/);

    const resumed = await runCli(["train", "--registry", registry, "--resume", runDir]);
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`at epoch 1, step ${pointer.globalStep}`);

    const reg = new Registry(registry);
    const a = await reg.resolve("straight");
    const b = await reg.resolve("resumed");
    expect(b.manifest.training.steps).toBe(STEPS);
    expect(b.manifest.lineage.resumedFrom).toBe(runName);
    const lossesA = JSON.parse(await readFile(join(a.dir, "losses.json"), "utf8")) as Array<{
      step: number;
      dLoss: number;
    }>;
    const lossesB = JSON.parse(await readFile(join(b.dir, "losses.json"), "utf8")) as Array<{
      step: number;
      dLoss: number;
    }>;
    expect(lossesB.map((l) => l.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1));
    // The same batches, noise and optimizer state: the resumed run is the uninterrupted run, bit for bit.
    expect(lossesB).toEqual(lossesA);
    expect(weightsHash(b)).toBe(weightsHash(a));
  });
});
