import { expect, test } from "@playwright/test";
import { isSoftwareGpuName } from "../lib/software-gpu";
import { isSoftwareAdapter } from "../lib/webgpu-adapter";
import { MODEL, QUALITY_FIXTURE } from "./e2e-env";
import { webglRenderer, webgpuAdapter } from "./gpu-probes";
import { canvasPixels, meanAbsDiff, variance } from "./pixels";
import { gridPixels, sampleGrid, seedInUrl } from "./version-page";

const VERSION_PAGE = `/models/${MODEL}/2`;

test.describe("version page", () => {
  test("renders a grid that is not blank, and reports the time to the first grid", async ({ page }, testInfo) => {
    await page.goto(`${VERSION_PAGE}?seed=123`);
    const pixels = await gridPixels(page, 123);
    expect(pixels.length).toBeGreaterThan(0);
    expect(variance(pixels)).toBeGreaterThan(0);

    const firstGridMs = Number(await sampleGrid(page).getAttribute("data-first-grid-ms"));
    expect(firstGridMs).toBeGreaterThan(0);
    const backend = await page.getByTestId("backend-status").getAttribute("data-backend");
    testInfo.annotations.push({ type: "first-grid-ms", description: `${firstGridMs} ms on ${backend}` });
    console.log(`[e2e] time from opening a version page to the first 8x8 grid: ${firstGridMs} ms (backend ${backend})`);
    await expect(page.getByText(/64 samples from seed 123, generated in \d+ ms/)).toBeVisible();
  });

  test("shows the chosen backend: wasm behind a software GPU, or when forced", async ({ page }) => {
    await page.goto(`${VERSION_PAGE}?seed=1`);
    await gridPixels(page, 1);
    const renderer = await webglRenderer(page);
    const adapter = await webgpuAdapter(page);
    const expected =
      adapter && !isSoftwareAdapter(adapter)
        ? "webgpu"
        : renderer === null || isSoftwareGpuName(renderer)
          ? "wasm"
          : "webgl";
    await expect(page.getByTestId("backend-status")).toHaveAttribute("data-backend", expected);

    await page.goto(`${VERSION_PAGE}?seed=1&backend=wasm`);
    const wasmPixels = await gridPixels(page, 1);
    const status = page.getByTestId("backend-status");
    await expect(status).toHaveAttribute("data-backend", "wasm");
    await expect(status).toContainText("forced by ?backend=wasm");

    // Forcing WebGL runs it even on a software renderer; without WebGL the page says so.
    await page.goto(`${VERSION_PAGE}?seed=1&backend=webgl`);
    if (renderer === null) {
      await expect(page.getByTestId("model-error")).toContainText("webgl backend could not start");
    } else {
      const webglPixels = await gridPixels(page, 1);
      await expect(status).toHaveAttribute("data-backend", "webgl");
      expect(variance(webglPixels)).toBeGreaterThan(0);
      // Different kernels, same generator: the images agree up to rounding.
      expect(meanAbsDiff(webglPixels, wasmPixels)).toBeLessThan(2);
    }
  });

  test('"New samples" draws different images and puts the new seed in the URL', async ({ page }) => {
    await page.goto(`${VERSION_PAGE}?seed=5`);
    const before = await gridPixels(page, 5);
    await page.getByRole("button", { name: "New samples" }).click();
    const after = await gridPixels(page, /^(?!5$)\d+$/);
    expect(meanAbsDiff(before, after)).toBeGreaterThan(0);
    const newSeed = await sampleGrid(page).getAttribute("data-rendered-seed");
    await expect.poll(() => seedInUrl(page)).toBe(newSeed);
    await expect(page.getByLabel("Seed", { exact: true })).toHaveValue(newSeed ?? "");
  });

  test("the seed in the URL reproduces the same pixels after a reload", async ({ page }) => {
    await page.goto(VERSION_PAGE);
    const first = await gridPixels(page);
    const seed = await sampleGrid(page).getAttribute("data-rendered-seed");
    await expect.poll(() => seedInUrl(page)).toBe(seed);

    await page.reload();
    const again = await gridPixels(page, Number(seed));
    expect(meanAbsDiff(first, again)).toBe(0);
  });

  test("an edited seed is applied with Generate", async ({ page }) => {
    await page.goto(`${VERSION_PAGE}?seed=8`);
    const eight = await gridPixels(page, 8);
    await page.getByLabel("Seed", { exact: true }).fill("9");
    await page.getByRole("button", { name: "Generate" }).click();
    const nine = await gridPixels(page, 9);
    expect(meanAbsDiff(eight, nine)).toBeGreaterThan(0);
    await expect.poll(() => seedInUrl(page)).toBe("9");
  });

  test("the interpolation slider's ends equal the endpoints' images and its middle differs", async ({ page }) => {
    await page.goto(`${VERSION_PAGE}?seed=10`);
    const panel = page.getByTestId("interpolation");
    await expect(panel).toHaveAttribute("data-ready", "true");
    const frame = panel.getByTestId("interpolation-frame");
    const endpointA = await canvasPixels(panel.getByTestId("endpoint-a"));
    const endpointB = await canvasPixels(panel.getByTestId("endpoint-b"));
    expect(meanAbsDiff(endpointA, endpointB)).toBeGreaterThan(0);

    // Scrub from the keyboard, as a keyboard user would.
    const slider = page.getByRole("slider", { name: "Position" });
    await slider.focus();
    await page.keyboard.press("End");
    await expect(slider).toHaveValue("23");
    await expect.poll(async () => meanAbsDiff(await canvasPixels(frame), endpointB)).toBe(0);

    await page.keyboard.press("Home");
    await expect(slider).toHaveValue("0");
    await expect.poll(async () => meanAbsDiff(await canvasPixels(frame), endpointA)).toBe(0);

    for (let step = 0; step < 12; step += 1) await page.keyboard.press("ArrowRight");
    await expect(slider).toHaveValue("12");
    await expect
      .poll(async () => {
        const middle = await canvasPixels(frame);
        return Math.min(meanAbsDiff(middle, endpointA), meanAbsDiff(middle, endpointB));
      })
      .toBeGreaterThan(0);
  });

  test("plays the interpolation and switches between slerp and lerp", async ({ page }) => {
    await page.goto(`${VERSION_PAGE}?seed=20`);
    const panel = page.getByTestId("interpolation");
    await expect(panel).toHaveAttribute("data-ready", "true");
    const slider = page.getByRole("slider", { name: "Position" });
    // The epoch timeline has a Play button of its own.
    const interpolation = page.getByRole("region", { name: "Latent interpolation" });
    await interpolation.getByRole("button", { name: "Play" }).click();
    await expect.poll(async () => Number(await slider.inputValue())).toBeGreaterThan(0);
    await interpolation.getByRole("button", { name: "Pause" }).click();

    await page.getByLabel("Path").selectOption("lerp");
    await expect(panel).toHaveAttribute("data-ready", "true");
    await expect(panel).toContainText("(lerp)");
  });

  test("shows the loss curves and the manifest's details", async ({ page }) => {
    await page.goto(`${VERSION_PAGE}?seed=3`);
    const chart = page.getByTestId("loss-chart");
    await expect(chart.locator(".recharts-line")).toHaveCount(2);
    await expect(chart).toContainText("Discriminator (D)");
    await expect(chart).toContainText("Generator (G)");
    const details = page.getByRole("region", { name: "Details" });
    await expect(details).toContainText("Latent size (z)");
    await expect(details).toContainText("123.45");
    await expect(details).toContainText("not comparable with Inception FID");
    // Beside the real-data floor, as a multiple of it: 123.45 / 41.15.
    await expect(details.getByTestId("quality-floor")).toContainText("3.0× the real-data floor");
    await expect(details.getByTestId("quality-floor")).toContainText("real training images score 41.15");
    await expect(details.getByRole("link", { name: "model.json" })).toBeVisible();
  });

  test("shows the quality score's class histogram (mode coverage) where the manifest has one", async ({ page }) => {
    await page.goto(`${VERSION_PAGE}?seed=3`);
    const coverage = page.getByTestId("mode-coverage");
    await expect(coverage.locator(".recharts-bar-rectangle")).toHaveCount(QUALITY_FIXTURE.classHistogram.length);
    await expect(coverage).toContainText(`for ${QUALITY_FIXTURE.samples} generated samples; every class appears`);
    await page.goto(`/models/${MODEL}/1?seed=3`);
    await expect(page.getByRole("region", { name: "Details" })).toBeVisible();
    await expect(page.getByTestId("mode-coverage")).toHaveCount(0);
  });

  test("downloads the grid as a PNG", async ({ page }) => {
    await page.goto(`${VERSION_PAGE}?seed=4`);
    await gridPixels(page, 4);
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download PNG" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe(`${MODEL}-v2-seed-4.png`);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  test("an alias URL opens the version it points at", async ({ page }) => {
    await page.goto(`/models/${MODEL}/latest?seed=2`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("v2");
    await gridPixels(page, 2);
  });
});
