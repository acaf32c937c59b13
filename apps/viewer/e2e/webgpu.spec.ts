import { expect, test } from "@playwright/test";
import { isSoftwareAdapter } from "../lib/webgpu-adapter";
import { MODEL } from "./e2e-env";
import { webgpuAdapter } from "./gpu-probes";
import { maxAbsDiff, variance } from "./pixels";
import { gridPixels } from "./version-page";

// Chromium here runs WebGPU on SwiftShader (playwright.config.ts passes --enable-unsafe-webgpu): a software
// adapter, so the page only uses WebGPU when forced.
const VERSION_PAGE = `/models/${MODEL}/2`;
const SEED = 7;

/**
 * WebGPU and wasm run different float32 kernels over the same weights, so a pixel near a rounding edge may land
 * an 8-bit level or so apart. Measured here (SwiftShader): identical, 0 levels on 10 grids of both versions. 3
 * leaves margin for other GPUs' arithmetic; a broken kernel or a layout mix-up moves pixels far more than that.
 */
const MAX_LEVELS_APART = 3;

test.describe("WebGPU", () => {
  test("?backend=webgpu samples on WebGPU and draws the wasm backend's pixels", async ({ page }) => {
    await page.goto(`${VERSION_PAGE}?seed=${SEED}&backend=wasm`);
    const wasmPixels = await gridPixels(page, SEED);

    await page.goto(`${VERSION_PAGE}?seed=${SEED}&backend=webgpu`);
    const webgpuPixels = await gridPixels(page, SEED);
    const status = page.getByTestId("backend-status");
    await expect(status).toHaveAttribute("data-backend", "webgpu");
    await expect(status).toContainText("forced by ?backend=webgpu");
    expect(variance(webgpuPixels)).toBeGreaterThan(0);

    const levelsApart = maxAbsDiff(webgpuPixels, wasmPixels);
    const pixelsApart = webgpuPixels.filter((value, index) => value !== wasmPixels[index]).length;
    console.log(
      `[e2e] webgpu vs wasm, seed ${SEED}: max ${levelsApart} levels apart, ${pixelsApart} of ${webgpuPixels.length} values differ`,
    );
    expect(levelsApart).toBeLessThanOrEqual(MAX_LEVELS_APART);

    // The interpolation panel reads its frames one by one: that works on WebGPU too.
    await expect(page.getByTestId("interpolation")).toHaveAttribute("data-ready", "true");
  });

  test("without forcing, a software WebGPU adapter is passed over and the page says why", async ({ page }) => {
    await page.goto(`${VERSION_PAGE}?seed=1`);
    await gridPixels(page, 1);
    const adapter = await webgpuAdapter(page);
    expect(adapter, "chromium started with --enable-unsafe-webgpu gives an adapter").not.toBeNull();
    test.skip(adapter !== null && !isSoftwareAdapter(adapter), "this browser's WebGPU adapter is a real GPU");

    const status = page.getByTestId("backend-status");
    await expect(status).not.toHaveAttribute("data-backend", "webgpu");
    await expect(status).toContainText(/WebGPU adapter is software \(.*swiftshader\)/i);
  });

  test("?backend=webgpu without WebGPU fails with a clear message", async ({ page }) => {
    // Hides WebGPU from the page, as in a browser that has none.
    await page.addInitScript(() => {
      delete (Navigator.prototype as { gpu?: unknown }).gpu;
    });
    await page.goto(`${VERSION_PAGE}?seed=1&backend=webgpu`);
    await expect(page.getByTestId("model-error")).toContainText(
      "?backend=webgpu cannot run here: WebGPU is not available",
    );
  });

  test("?backend=webgpu where WebGPU gives no adapter fails with a clear message", async ({ page }) => {
    // As Chromium does without --enable-unsafe-webgpu on Linux.
    await page.addInitScript(() => {
      GPU.prototype.requestAdapter = () => Promise.resolve(null);
    });
    await page.goto(`${VERSION_PAGE}?seed=1&backend=webgpu`);
    await expect(page.getByTestId("model-error")).toContainText(
      "?backend=webgpu cannot run here: WebGPU gave no adapter",
    );
  });
});
