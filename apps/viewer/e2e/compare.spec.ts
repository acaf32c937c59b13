import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { CONDITIONAL_MODEL, MODEL, SMALL_Z_MODEL } from "./e2e-env";
import { canvasPixels, maxAbsDiff, meanAbsDiff, variance } from "./pixels";
import { gridPixels } from "./version-page";

function side(page: Page, position: "a" | "b") {
  return page.getByTestId(`compare-grid-${position}`);
}

/** Waits until one side shows the seed's grid and returns its pixels. */
async function sidePixels(page: Page, position: "a" | "b", seed: number | RegExp): Promise<number[]> {
  const figure = side(page, position);
  await expect(figure).toHaveAttribute("data-rendered-seed", typeof seed === "number" ? String(seed) : seed);
  return canvasPixels(figure.locator("canvas"));
}

test.describe("compare", () => {
  test("a version compared with itself renders identical pixels on both sides", async ({ page }) => {
    await page.goto(`/compare?a=${MODEL}@2&b=${MODEL}@2&seed=7`);
    await expect(side(page, "a").getByRole("heading")).toContainText(`A · ${MODEL} v2`);
    await expect(side(page, "b").getByRole("heading")).toContainText(`B · ${MODEL} v2`);
    const a = await sidePixels(page, "a", 7);
    const b = await sidePixels(page, "b", 7);
    expect(variance(a)).toBeGreaterThan(0);
    expect(maxAbsDiff(a, b)).toBe(0);
  });

  test("two versions get the same z: each side is its version page's grid for the seed", async ({ page }) => {
    await page.goto(`/compare?a=${MODEL}@1&b=${MODEL}@2&seed=7`);
    const a = await sidePixels(page, "a", 7);
    const b = await sidePixels(page, "b", 7);
    expect(meanAbsDiff(a, b)).toBeGreaterThan(0);

    await page.goto(`/models/${MODEL}/1?seed=7`);
    expect(maxAbsDiff(await gridPixels(page, 7), a)).toBe(0);
    await page.goto(`/models/${MODEL}/2?seed=7`);
    expect(maxAbsDiff(await gridPixels(page, 7), b)).toBe(0);
  });

  test("New samples moves both sides to one new seed, which the URL keeps", async ({ page }) => {
    await page.goto(`/compare?a=${MODEL}@1&b=${MODEL}@2&seed=7`);
    await sidePixels(page, "a", 7);
    await page.getByRole("button", { name: "New samples" }).click();
    const a = await sidePixels(page, "a", /^(?!7$)\d+$/);
    const seed = await side(page, "a").getAttribute("data-rendered-seed");
    const b = await sidePixels(page, "b", Number(seed));
    await expect.poll(() => new URL(page.url()).searchParams.get("seed")).toBe(seed);
    expect(new URL(page.url()).searchParams.get("a")).toBe(`${MODEL}@1`);

    await page.reload();
    expect(maxAbsDiff(await sidePixels(page, "a", Number(seed)), a)).toBe(0);
    expect(maxAbsDiff(await sidePixels(page, "b", Number(seed)), b)).toBe(0);
  });

  test("interpolation moves both versions in lock-step on the same path", async ({ page }) => {
    await page.goto(`/compare?a=${MODEL}@2&b=${MODEL}@2&seed=30`);
    const [stripA, stripB] = [page.getByTestId("compare-interpolation-a"), page.getByTestId("compare-interpolation-b")];
    await expect(stripA).toHaveAttribute("data-ready", "true");
    await expect(stripB).toHaveAttribute("data-ready", "true");
    const slider = page.getByRole("slider", { name: "Position" });
    await slider.focus();
    for (let step = 0; step < 7; step += 1) await page.keyboard.press("ArrowRight");
    const frames = [stripA, stripB].map((strip) => strip.getByTestId("interpolation-frame"));
    for (const frame of frames) await expect(frame).toHaveAttribute("aria-label", /^.*Frame 8 of 24/);
    expect(maxAbsDiff(await canvasPixels(frames[0]!), await canvasPixels(frames[1]!))).toBe(0);
    const start = await canvasPixels(stripA.getByTestId("endpoint-a"));
    expect(meanAbsDiff(await canvasPixels(frames[0]!), start)).toBeGreaterThan(0);
  });

  test("refuses two versions whose z sizes differ, and says why", async ({ page }) => {
    await page.goto(`/compare?a=${MODEL}@1&b=${SMALL_Z_MODEL}@1&seed=1`);
    const refusal = page.getByTestId("compare-refused");
    await expect(refusal).toContainText("cannot be compared on the same noise");
    await expect(refusal).toContainText("zDim 16 and 8");
    await expect(page.getByTestId("compare-grid-a")).toHaveCount(0);
  });

  test("the picker opens a pair, and the version page links to its comparison", async ({ page }) => {
    await page.goto("/compare");
    await page.getByLabel("Version A").selectOption(`${MODEL}@1`);
    await page.getByLabel("Version B").selectOption(`${CONDITIONAL_MODEL}@1`);
    await page.getByLabel("Seed", { exact: true }).first().fill("3");
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/\/compare\?a=e2e-digits%401&b=e2e-conditional%401&seed=3/);
    await sidePixels(page, "a", 3);
    await sidePixels(page, "b", 3);
    // The conditional side draws the picked class; the unconditional side has none to pick.
    await page.getByLabel("Class", { exact: true }).selectOption("4");
    await expect(side(page, "b")).toHaveAttribute("data-rendered-class", "4");
    await expect(side(page, "a")).not.toHaveAttribute("data-rendered-class", /.*/);

    await page.goto(`/models/${MODEL}/2?seed=5`);
    await page.getByRole("link", { name: "Compare with another version" }).click();
    await expect(page).toHaveURL(/\/compare\?a=e2e-digits%401&b=e2e-digits%402&seed=5/);
    await sidePixels(page, "b", 5);
  });
});
