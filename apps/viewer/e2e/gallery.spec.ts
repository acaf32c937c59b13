import { expect, test } from "@playwright/test";
import { DAMAGED_URL, EMPTY_REGISTRY, EMPTY_URL, MODEL } from "./e2e-env";

test.describe("gallery", () => {
  test("lists both versions of the trained model with their sample grids and facts", async ({ page }) => {
    await page.goto("/");
    const card = page.getByTestId("model-card").filter({ has: page.getByRole("heading", { name: MODEL }) });
    await expect(card).toBeVisible();
    await expect(card.getByText("2 versions")).toBeVisible();

    const versions = card.getByTestId("version-summary");
    await expect(versions).toHaveCount(2);
    await expect(versions.nth(0)).toHaveAttribute("data-version", "2");
    await expect(versions.nth(1)).toHaveAttribute("data-version", "1");
    await expect(versions.nth(0).getByText("latest")).toBeVisible();

    // Only version 2 has a quality score, and it is labelled as what it is.
    await expect(versions.nth(0)).toContainText("123.45");
    await expect(versions.nth(0)).toContainText("classifier-space Fréchet distance (not comparable with Inception FID)");
    await expect(versions.nth(1)).not.toContainText("Fréchet");

    for (const version of await versions.all()) {
      for (const fact of ["Data set", "Image size", "Epochs", "Created"]) {
        await expect(version.getByText(fact, { exact: true })).toBeVisible();
      }
      const thumbnail = version.getByRole("img");
      await expect(thumbnail).toHaveAttribute("src", /\/api\/models\/e2e-digits\/[12]\/files\//);
      await expect.poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    }
  });

  test("filters by model through the query string", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Model").selectOption(MODEL);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]model=${MODEL}`));
    await expect(page.getByTestId("model-card")).toHaveCount(1);

    await page.goto("/?model=no-such-model");
    await expect(page.getByTestId("model-card")).toHaveCount(0);
    await expect(page.getByText("No model is named")).toBeVisible();
  });

  test("opens a version page from its card", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "v1", exact: true }).click();
    await expect(page).toHaveURL(/\/models\/e2e-digits\/1/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(MODEL);
  });

  test("names the damaged version instead of failing when the registry holds one", async ({ page }) => {
    await page.goto(`${DAMAGED_URL}/`);
    const alert = page.getByRole("alert").filter({ hasText: "The registry could not be listed" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("e2e-damaged");
  });

  test("an empty registry says how to train the first model", async ({ page }) => {
    await page.goto(`${EMPTY_URL}/`);
    const empty = page.getByRole("region", { name: "No models yet" });
    await expect(empty).toContainText("pnpm --filter @ganvas/trainer start");
    await expect(empty).toContainText(EMPTY_REGISTRY);
  });
});
