import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { CONDITIONAL_MODEL, MODEL } from "./e2e-env";
import { canvasPixels, gridTile, maxAbsDiff, meanAbsDiff, variance } from "./pixels";
import { gridPixels } from "./version-page";

const PAGE = `/models/${MODEL}/2/latent`;

/** Lets the page run this many animation frames (what the walk is driven by), whatever the clock says. */
async function animationFrames(page: Page, count: number): Promise<void> {
  await page.evaluate(
    (frames) =>
      new Promise<void>((resolve) => {
        let seen = 0;
        const next = () => (++seen >= frames ? resolve() : requestAnimationFrame(next));
        requestAnimationFrame(next);
      }),
    count,
  );
}

test.describe("latent tools", () => {
  test("the random walk advances frames while it plays, and pausing stops them", async ({ page }) => {
    await page.goto(`${PAGE}?walk=3&speed=60`);
    const walk = page.getByTestId("random-walk");
    const canvas = walk.locator("canvas");
    await expect(walk).toHaveAttribute("data-frame-index", /^[1-9]\d*$/);
    const still = await canvasPixels(canvas);
    expect(variance(still)).toBeGreaterThan(0);

    const region = page.getByRole("region", { name: "Random walk" });
    await region.getByRole("button", { name: "Play" }).click();
    await expect(walk).toHaveAttribute("data-playing", "true");
    const first = Number(await walk.getAttribute("data-frame-index"));
    await expect.poll(async () => Number(await walk.getAttribute("data-frame-index"))).toBeGreaterThan(first + 3);
    await expect.poll(async () => meanAbsDiff(await canvasPixels(canvas), still)).toBeGreaterThan(0);

    await region.getByRole("button", { name: "Pause" }).click();
    await expect(walk).toHaveAttribute("data-playing", "false");
    // Paused, the walk draws its current point once more and then nothing changes.
    await animationFrames(page, 5);
    const pausedIndex = await walk.getAttribute("data-frame-index");
    const paused = await canvasPixels(canvas);
    await animationFrames(page, 30);
    await expect(walk).toHaveAttribute("data-frame-index", pausedIndex ?? "");
    expect(maxAbsDiff(await canvasPixels(canvas), paused)).toBe(0);
    await expect.poll(() => new URL(page.url()).searchParams.get("walk")).toBe("3");
  });

  test("the speed control sets the loops a minute, and the URL keeps it", async ({ page }) => {
    await page.goto(`${PAGE}?walk=3&speed=6`);
    const speed = page.getByRole("slider", { name: "Speed" });
    await expect(speed).toHaveValue("6");
    await speed.focus();
    await page.keyboard.press("End");
    await expect(speed).toHaveValue("60");
    await expect.poll(() => new URL(page.url()).searchParams.get("speed")).toBe("60");
  });

  test("vector arithmetic renders A − B + C, and reloading its URL reproduces the same pixels", async ({ page }) => {
    await page.goto(`${PAGE}?seed=12`);
    const samples = page.getByTestId("arithmetic-samples");
    await expect(samples).toHaveAttribute("data-ready", "true");
    const pick = async (group: "A" | "B" | "C", indices: number[]) => {
      await page.getByRole("radio", { name: new RegExp(`^${group} `) }).check();
      for (const index of indices)
        await samples.getByRole("button", { name: `Sample ${index + 1}`, exact: true }).click();
    };
    await pick("A", [0, 1, 2]);
    await pick("B", [3, 4]);
    await expect(page.getByTestId("arithmetic-result")).toHaveCount(0);
    await pick("C", [5]);
    await expect(samples.getByRole("button", { name: "Sample 6, in group C" })).toHaveAttribute("aria-pressed", "true");

    const result = page.getByTestId("arithmetic-result");
    await expect(result).toHaveAttribute("data-ready", "true");
    const answer = await canvasPixels(result.getByRole("img", { name: "A − B + C" }));
    expect(variance(answer)).toBeGreaterThan(0);
    const meanC = await canvasPixels(result.getByRole("img", { name: "mean of C" }));
    expect(meanAbsDiff(answer, meanC)).toBeGreaterThan(0);
    await expect.poll(() => new URL(page.url()).search).toContain("a=0%2C1%2C2&b=3%2C4&c=5");

    await page.reload();
    await expect(page.getByTestId("arithmetic-result")).toHaveAttribute("data-ready", "true");
    const again = await canvasPixels(page.getByTestId("arithmetic-result").getByRole("img", { name: "A − B + C" }));
    expect(maxAbsDiff(answer, again)).toBe(0);
    await expect(samples.getByRole("button", { name: "Sample 1, in group A" })).toHaveAttribute("aria-pressed", "true");
  });

  test("a group of one sample is that sample, and A − A + C is C", async ({ page }) => {
    await page.goto(`${PAGE}?seed=12&a=7&b=7&c=2`);
    // The URL's groups overlap (7 twice); the page still renders what the URL says.
    const result = page.getByTestId("arithmetic-result");
    await expect(result).toHaveAttribute("data-ready", "true");
    const meanC = await canvasPixels(result.getByRole("img", { name: "mean of C" }));
    const answer = await canvasPixels(result.getByRole("img", { name: "A − B + C" }));
    // z7 − z7 + z2 is z2 exactly.
    expect(maxAbsDiff(answer, meanC)).toBe(0);
    // Sample 3 (index 2) of seed 12 is the third tile of the version page's grid for seed 12.
    await page.goto(`/models/${MODEL}/2?seed=12`);
    const grid = await gridPixels(page, 12);
    const width = Math.round(Math.sqrt(grid.length / 4));
    expect(maxAbsDiff(gridTile(meanC, 20, 0, 0, 16), gridTile(grid, width, 0, 2, 16))).toBe(0);
  });

  test("a conditional model's latent tools draw the chosen class, and the version page links to them", async ({
    page,
  }) => {
    await page.goto(`/models/${CONDITIONAL_MODEL}/1?seed=1`);
    await page.getByRole("link", { name: "Latent tools" }).click();
    await expect(page).toHaveURL(new RegExp(`/models/${CONDITIONAL_MODEL}/1/latent`));
    const walk = page.getByTestId("random-walk");
    await expect(walk).toHaveAttribute("data-frame-index", /^[1-9]\d*$/);
    const before = await canvasPixels(walk.locator("canvas"));
    await page.getByLabel("Class (both tools)").selectOption("7");
    await expect.poll(async () => meanAbsDiff(await canvasPixels(walk.locator("canvas")), before)).toBeGreaterThan(0);
    await expect.poll(() => new URL(page.url()).searchParams.get("class")).toBe("7");
  });
});
