import { expect, test } from "@playwright/test";
import { CONDITIONAL_CLASSES, CONDITIONAL_MODEL } from "./e2e-env";
import { canvasPixels, canvasWidth, gridTile, maxAbsDiff, meanAbsDiff, pixelRows, variance } from "./pixels";
import { classGridPixels, sampleGrid } from "./version-page";

const PAGE = `/models/${CONDITIONAL_MODEL}/1`;
/** The tiny preset's images and toImageGrid's padding: row r of a grid starts at PADDING + r * (TILE + PADDING). */
const TILE = 16;
const PADDING = 2;

function tileRow(pixels: number[], width: number, row: number): number[] {
  return pixelRows(pixels, width, PADDING + row * (TILE + PADDING), TILE);
}

test.describe("a class-conditional version", () => {
  test("the class picker draws the chosen class: the same class twice is identical, another class differs", async ({
    page,
  }) => {
    await page.goto(`${PAGE}?seed=7&class=3`);
    const picker = page.getByLabel("Class", { exact: true });
    await expect(picker).toHaveValue("3");
    const three = await classGridPixels(page, 7, 3);
    expect(variance(three)).toBeGreaterThan(0);

    await picker.selectOption("5");
    const five = await classGridPixels(page, 7, 5);
    expect(meanAbsDiff(three, five)).toBeGreaterThan(0);
    await expect.poll(() => new URL(page.url()).searchParams.get("class")).toBe("5");

    await picker.selectOption("3");
    const threeAgain = await classGridPixels(page, 7, 3);
    expect(maxAbsDiff(three, threeAgain)).toBe(0);
    await expect(sampleGrid(page)).toContainText("64 samples of class 3 from seed 7");
  });

  test('"All classes" draws one row per class on shared noise: row k is class k\'s first row', async ({ page }) => {
    await page.goto(`${PAGE}?seed=11&class=all`);
    const canvas = sampleGrid(page).locator("canvas");
    const all = await classGridPixels(page, 11, "all");
    const width = await canvasWidth(canvas);
    expect(all.length / 4 / width).toBe(CONDITIONAL_CLASSES * (TILE + PADDING) + PADDING);
    await expect(sampleGrid(page).getByRole("list", { name: "Rows, top to bottom" }).getByRole("listitem")).toHaveCount(
      CONDITIONAL_CLASSES,
    );

    const picker = page.getByLabel("Class", { exact: true });
    for (const label of [2, 8]) {
      await picker.selectOption(String(label));
      const single = await classGridPixels(page, 11, label);
      // The first 8 latents of the seed are the whole noise of the all-classes grid.
      // The model is deterministic: the same z and class give the same pixels whatever else is in the batch.
      expect(maxAbsDiff(tileRow(single, width, 0), tileRow(all, width, label))).toBe(0);
      expect(meanAbsDiff(tileRow(single, width, 0), tileRow(all, width, label === 2 ? 8 : 2))).toBeGreaterThan(0);
    }
  });

  test("interpolates between two classes at one z: the ends are the two classes, the middle differs", async ({
    page,
  }) => {
    await page.goto(`${PAGE}?seed=4&class=1`);
    const panel = page.getByRole("region", { name: "Class interpolation" });
    await panel.getByLabel("From class", { exact: true }).selectOption("1");
    await panel.getByLabel("To class", { exact: true }).selectOption("6");
    await panel.getByLabel("Seed of z", { exact: true }).fill("4");
    await panel.getByRole("button", { name: "Apply seed" }).click();
    const strip = panel.getByTestId("class-interpolation");
    await expect(strip).toHaveAttribute("data-ready", "true");
    await expect(strip.getByRole("img", { name: "class 6, seed 4", exact: true })).toBeVisible();
    const start = gridTile(await canvasPixels(strip.getByTestId("endpoint-a")), TILE + 2 * PADDING, 0, 0, TILE);
    const end = gridTile(await canvasPixels(strip.getByTestId("endpoint-b")), TILE + 2 * PADDING, 0, 0, TILE);
    expect(meanAbsDiff(start, end)).toBeGreaterThan(0);

    // The start is z of seed 4 in class 1: the first sample of the class-1 grid of seed 4.
    const grid = await classGridPixels(page, 4, 1);
    const width = await canvasWidth(sampleGrid(page).locator("canvas"));
    expect(maxAbsDiff(gridTile(grid, width, 0, 0, TILE), start)).toBe(0);

    const slider = panel.getByRole("slider", { name: "Position" });
    await slider.focus();
    for (let step = 0; step < 12; step += 1) await page.keyboard.press("ArrowRight");
    const frame = strip.getByTestId("interpolation-frame");
    await expect
      .poll(async () => {
        const middle = gridTile(await canvasPixels(frame), TILE + 2 * PADDING, 0, 0, TILE);
        return Math.min(meanAbsDiff(middle, start), meanAbsDiff(middle, end));
      })
      .toBeGreaterThan(0);
  });
});
