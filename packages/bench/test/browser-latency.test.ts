import { describe, expect, it } from "vitest";
import { measureBrowserLatency } from "../src/browser-latency";

// Needs Debian's chromium (installed by .ci/run; CHROMIUM_PATH overrides the path), as the viewer's e2e tests do.
describe("measureBrowserLatency", () => {
  it("loads core's saved generator in headless Chromium and times it on wasm and webgl", async () => {
    const section = await measureBrowserLatency({
      backends: ["wasm", "webgl"],
      presets: ["fast"],
      imageCounts: [1, 2],
      warmup: 1,
      repeats: 1,
    });
    expect(section.chromium).toMatch(/chromium/i);
    expect(section.rows.map((row) => [row.backend, row.images, row.status])).toEqual([
      ["wasm", 1, "ok"],
      ["wasm", 2, "ok"],
      ["webgl", 1, "ok"],
      ["webgl", 2, "ok"],
    ]);
    for (const row of section.rows) if (row.status === "ok") expect(row.medianMs).toBeGreaterThan(0);
    expect(section.notes.join(" ")).toMatch(/WebGL renderer/);
  });
});
