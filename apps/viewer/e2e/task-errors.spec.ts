import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { MODEL } from "./e2e-env";
import { gridPixels } from "./version-page";

const VERSION_PAGE = `/models/${MODEL}/2`;
const INJECTED = "injected by the e2e test";

/** Opens the version page and waits until both the grid and the interpolation have drawn. */
async function openReady(page: Page, seed: number): Promise<void> {
  await page.goto(`${VERSION_PAGE}?seed=${seed}`);
  await gridPixels(page, seed);
  await expect(page.getByTestId("interpolation")).toHaveAttribute("data-ready", "true");
}

/** Makes the next `new ImageData(...)` throw: the generator session builds one per rendered picture. */
async function failNextPicture(page: Page): Promise<void> {
  await page.evaluate((message) => {
    const native = window.ImageData;
    window.ImageData = new Proxy(native, {
      construct() {
        window.ImageData = native;
        throw new Error(message);
      },
    });
  }, INJECTED);
}

test.describe("a failed sample's error", () => {
  test("goes away when a later sample grid succeeds", async ({ page }) => {
    await openReady(page, 40);
    const samples = page.getByRole("region", { name: "Samples" });
    const seedInput = page.getByLabel("Seed", { exact: true });
    const generate = samples.getByRole("button", { name: "Generate" });

    await failNextPicture(page);
    await seedInput.fill("41");
    await generate.click();
    await expect(samples.getByRole("alert")).toContainText(`Sampling failed: ${INJECTED}`);

    // The failed seed does not hold the controls: another seed can be generated, and its success clears the error.
    await expect(generate).toBeEnabled();
    await seedInput.fill("42");
    await generate.click();
    await gridPixels(page, 42);
    await expect(samples.getByRole("alert")).toHaveCount(0);
  });

  test("goes away when a later interpolation succeeds", async ({ page }) => {
    await openReady(page, 50);
    const panel = page.getByRole("region", { name: "Latent interpolation" });

    await failNextPicture(page);
    await page.getByLabel("Path").selectOption("lerp");
    await expect(panel.getByRole("alert")).toContainText(`Interpolation failed: ${INJECTED}`);

    await page.getByLabel("Path").selectOption("slerp");
    await expect(page.getByTestId("interpolation")).toHaveAttribute("data-ready", "true");
    await expect(panel).toContainText("(slerp)");
    await expect(panel.getByRole("alert")).toHaveCount(0);
  });
});
