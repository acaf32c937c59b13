import { describe, expect, it } from "vitest";
import { runInChild } from "../src/child-worker";

const worker = new URL("./fixtures/echo-worker.ts", import.meta.url);

describe("runInChild", () => {
  it("runs the TypeScript worker in another process and returns its result", async () => {
    const result = await runInChild<{ value: number }, { doubled: number; pid: number }>(worker, { value: 21 }, 60_000);
    expect(result.doubled).toBe(42);
    expect(result.pid).not.toBe(process.pid);
  });

  it("rejects with the worker's own error message", async () => {
    await expect(runInChild(worker, { value: 1, fail: "no backend here" }, 60_000)).rejects.toThrow("no backend here");
  });

  it("kills a worker that outlives its time limit", async () => {
    await expect(runInChild(worker, { value: 1, hang: true }, 3_000)).rejects.toThrow(/timed out after 3 s/);
  });
});
