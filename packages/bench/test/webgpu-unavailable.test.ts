import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runInChild } from "../src/child-worker";
import type { GenerationRequest, GenerationResult } from "../src/measure-generation";

const worker = new URL("../src/measure-generation.ts", import.meta.url);
const request: GenerationRequest = { backend: "webgpu", preset: "fast", batchSize: 1, warmup: 1, repeats: 1 };

describe("a webgpu row on a machine without a WebGPU adapter", () => {
  // The Vulkan loader takes the user's driver list as given; a missing file leaves Dawn no adapter at all.
  const saved = process.env["VK_ICD_FILENAMES"];
  beforeEach(() => {
    process.env["VK_ICD_FILENAMES"] = "/nonexistent/vulkan_icd.json";
  });
  afterEach(() => {
    if (saved === undefined) delete process.env["VK_ICD_FILENAMES"];
    else process.env["VK_ICD_FILENAMES"] = saved;
  });

  it("reads unavailable, with Dawn's reason, instead of crashing the bench", async () => {
    const result = await runInChild<GenerationRequest, GenerationResult>(worker, request, 120_000);
    expect(result).toMatchObject({ status: "unavailable", reason: expect.stringMatching(/no WebGPU adapter/) });
  }, 150_000);
});
