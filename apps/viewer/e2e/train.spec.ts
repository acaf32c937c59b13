import { expect, test, type Page } from "@playwright/test";
import { Registry, lossHistorySchema } from "@ganvas/registry";
import { HEALTHY_REGISTRY, MODEL, PUBLISHING_URL } from "./e2e-env";
import { canvasPixels, meanAbsDiff } from "./pixels";

const BROWSER_MODEL = "e2e-browser";

async function currentStep(page: Page): Promise<number> {
  return Number(await page.getByTestId("training-step").getAttribute("data-step"));
}

test.describe("training in the browser", () => {
  test.use({ baseURL: PUBLISHING_URL });

  test("trains tiny in a worker: the grid changes, the charts fill, it pauses, resumes, stops and publishes", async ({
    page,
  }) => {
    await page.goto("/train");
    // Cross-origin isolated (next.config.ts's headers), so tfjs's wasm backend runs threaded.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.getByLabel("Preset").selectOption("tiny");
    await page.getByLabel("Seed").fill("1");
    await page.getByLabel("Grid every").fill("5");
    await page.getByRole("button", { name: "Start training" }).click();

    const grid = page.getByTestId("training-grid");
    await expect(grid).toHaveAttribute("data-step", "0");
    const before = await canvasPixels(grid);
    await expect(page.getByTestId("training-backend")).toHaveText("wasm");
    await expect(page.getByTestId("training-status")).toContainText(
      /threaded SIMD build, \d+ threads?, with core.s kernels/,
    );

    await expect.poll(() => currentStep(page)).toBeGreaterThanOrEqual(10);
    await page.getByRole("button", { name: "Pause" }).click();
    const status = page.getByTestId("training-status");
    await expect(status).toHaveAttribute("data-status", "paused");
    const pausedAt = await currentStep(page);
    await page.waitForTimeout(500);
    expect(await currentStep(page)).toBe(pausedAt);

    await page.getByRole("button", { name: "Resume" }).click();
    await expect(status).toHaveAttribute("data-status", "running");
    await expect.poll(() => currentStep(page)).toBeGreaterThanOrEqual(30);
    await page.getByRole("button", { name: "Stop" }).click();
    await expect(status).toHaveAttribute("data-status", "stopped");
    const steps = await currentStep(page);

    await expect.poll(async () => Number(await grid.getAttribute("data-step"))).toBeGreaterThanOrEqual(30);
    expect(meanAbsDiff(before, await canvasPixels(grid))).toBeGreaterThan(1);
    for (const chart of ["training-loss-chart", "training-output-chart"]) {
      await expect(page.getByTestId(chart)).toHaveAttribute("data-points", String(steps));
      // Two drawn lines, each through every point.
      const lines = page.getByTestId(chart).locator(".recharts-line path.recharts-curve");
      await expect(lines).toHaveCount(2);
      for (const line of await lines.all()) expect((await line.getAttribute("d"))?.length ?? 0).toBeGreaterThan(steps);
    }

    await page.getByLabel("Model name").fill(BROWSER_MODEL);
    await page.getByRole("button", { name: "Publish to the registry" }).click();
    const link = page.getByTestId("published").getByRole("link", { name: `${BROWSER_MODEL} v1` });
    await expect(link).toBeVisible();

    // Node (the trainer, cpu backend, seed 1) and this browser (wasm, threaded, core's kernels) took the same
    // first steps: the same weights, batches and noise from the seed, the same numbers within 1e-4.
    const published = await page.request.get(`/api/models/${BROWSER_MODEL}/1/files/losses.json`);
    const browserLosses = lossHistorySchema.parse(await published.json());
    expect(browserLosses).toHaveLength(steps);
    const node = await new Registry(HEALTHY_REGISTRY).resolve(`${MODEL}@1`);
    expect(node.manifest.training).toMatchObject({ seed: 1, preset: "tiny", backend: "cpu" });
    const { bytes } = await new Registry(HEALTHY_REGISTRY).readFile(MODEL, 1, "losses.json");
    const nodeLosses = lossHistorySchema.parse(JSON.parse(Buffer.from(bytes).toString("utf8")));
    for (let index = 0; index < 5; index++) {
      expect(browserLosses[index]!.step).toBe(nodeLosses[index]!.step);
      expect(Math.abs(browserLosses[index]!.dLoss - nodeLosses[index]!.dLoss)).toBeLessThan(1e-4);
      expect(Math.abs(browserLosses[index]!.gLoss - nodeLosses[index]!.gLoss)).toBeLessThan(1e-4);
    }

    await link.click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(BROWSER_MODEL);
    await expect(page.getByText("browser-wasm", { exact: true })).toBeVisible();
    await page.goto("/");
    const card = page.getByTestId("model-card").filter({ has: page.getByRole("heading", { name: BROWSER_MODEL }) });
    await expect(card.getByTestId("version-summary")).toHaveCount(1);
  });
});
