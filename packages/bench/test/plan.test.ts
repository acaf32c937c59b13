import { describe, expect, it } from "vitest";
import { browserPlan, generationPlan, pytorchPlan, sideBySidePlan, trainingPlan, type BenchOptions } from "../src/plan";

const everything: BenchOptions = {
  quick: false,
  backends: ["onnxruntime", "wasm", "cpu", "tensorflow", "webgpu"],
  presets: ["fast", "tutorial"],
  browser: true,
  pytorch: true,
};
const quick: BenchOptions = { ...everything, quick: true };

const skipped = (rows: { backend: string; preset: string; skip?: string }[]) =>
  rows.filter((row) => row.skip !== undefined).map((row) => `${row.backend}/${row.preset}`);
const hardwareOnly = (rows: { backend: string; preset: string; skipOnSoftwareAdapter?: string }[]) =>
  rows.filter((row) => row.skipOnSoftwareAdapter !== undefined).map((row) => `${row.backend}/${row.preset}`);
const find = <Row extends { backend: string; preset: string }>(rows: Row[], backend: string, preset: string) =>
  rows.find((row) => row.backend === backend && row.preset === preset);

describe("the measurement plan", () => {
  it("measures every backend on every preset in full mode, the tutorial with 2 warm-ups + 4 steps", () => {
    const plan = trainingPlan(everything);
    expect(plan).toHaveLength(10);
    expect(skipped(plan)).toEqual([]);
    expect(plan.find((row) => row.backend === "wasm" && row.preset === "tutorial")).toMatchObject({
      warmup: 2,
      steps: 4,
    });
  });

  it("leaves the cpu backend out of the tutorial preset in quick mode, for training and generation", () => {
    expect(skipped(trainingPlan(quick))).toEqual(["cpu/tutorial"]);
    expect(skipped(generationPlan(quick))).toEqual(["cpu/tutorial"]);
    expect(trainingPlan(quick).find((row) => row.backend === "cpu")).toMatchObject({
      preset: "fast",
      warmup: 1,
      steps: 2,
    });
  });

  it("gives webgpu few steps (SwiftShader takes about a minute per fast step) and measures it in both modes", () => {
    expect(find(trainingPlan(quick), "webgpu", "fast")).toMatchObject({ warmup: 1, steps: 2 });
    expect(find(trainingPlan(everything), "webgpu", "fast")).toMatchObject({ warmup: 2, steps: 5 });
    expect(find(trainingPlan(quick), "webgpu", "fast")?.skip).toBeUndefined();
    expect(find(generationPlan(quick), "webgpu", "fast")).toMatchObject({ batchSize: 64, warmup: 1, repeats: 3 });
  });

  it("runs the tutorial on webgpu only on a hardware adapter, in either mode, and says why not on a software one", () => {
    for (const options of [quick, everything]) {
      expect(hardwareOnly(trainingPlan(options))).toEqual(["webgpu/tutorial"]);
      expect(hardwareOnly(generationPlan(options))).toEqual(["webgpu/tutorial"]);
    }
    expect(find(trainingPlan(quick), "webgpu", "tutorial")?.skipOnSoftwareAdapter).toMatch(
      /software WebGPU adapter is too slow for the tutorial/,
    );
  });

  it("lets --steps and --warmup override every training measurement, PyTorch's included", () => {
    const options = { ...everything, steps: 7, warmup: 3 };
    for (const row of [...trainingPlan(options), ...pytorchPlan(options)])
      expect(row).toMatchObject({ steps: 7, warmup: 3 });
  });

  it("alternates the fastest backend and 1-thread PyTorch: 5 rounds on fast and 3 on the tutorial, --rounds overrides", () => {
    expect(sideBySidePlan(everything).map((row) => `${row.preset}/${row.rounds}/${row.threads}`)).toEqual([
      "fast/5/1",
      "tutorial/3/1",
    ]);
    expect(sideBySidePlan({ ...everything, rounds: 2 }).every((row) => row.rounds === 2)).toBe(true);
  });

  it("runs PyTorch on 1 thread and on 2 for every preset", () => {
    expect(pytorchPlan(everything).map((row) => `${row.preset}/${row.threads}`)).toEqual([
      "fast/1",
      "fast/2",
      "tutorial/1",
      "tutorial/2",
    ]);
  });

  it("generates batches of 64 in Node and times 1, 16 and 64 images on wasm and webgl in the browser", () => {
    expect(new Set(generationPlan(everything).map((row) => row.batchSize))).toEqual(new Set([64]));
    expect(browserPlan(everything)).toMatchObject({
      backends: ["wasm", "webgl"],
      imageCounts: [1, 16, 64],
      presets: ["fast", "tutorial"],
    });
    expect(browserPlan(quick).presets).toEqual(["fast"]);
  });

  it("keeps to the presets asked for", () => {
    const options = { ...everything, presets: ["tutorial" as const] };
    expect(new Set(trainingPlan(options).map((row) => row.preset))).toEqual(new Set(["tutorial"]));
    expect(browserPlan(options).presets).toEqual(["tutorial"]);
  });
});
