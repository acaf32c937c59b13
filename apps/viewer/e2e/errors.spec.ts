import { expect, test } from "@playwright/test";
import { DAMAGED_MODEL, DAMAGED_URL, DAMAGED_VERSIONS, MODEL } from "./e2e-env";

test.describe("missing and damaged versions", () => {
  for (const path of [`/models/${MODEL}/99`, `/models/${MODEL}/no-such-alias`, "/models/no-such-model/1"]) {
    test(`${path} is a 404 page`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Back to the gallery" })).toBeVisible();
    });
  }

  test("a version whose weights file was deleted explains that instead of drawing nothing", async ({ page }) => {
    await page.goto(`${DAMAGED_URL}/models/${DAMAGED_MODEL}/${DAMAGED_VERSIONS.weightsDeleted}`);
    const alert = page.getByTestId("model-error");
    await expect(alert).toHaveAttribute("role", "alert");
    await expect(alert).toContainText("cannot be loaded");
    await expect(alert).toContainText("is missing");
    // Versions are immutable: the page says to delete the folder or open another version, never to republish.
    await expect(alert).toContainText("delete the folder");
    await expect(alert).not.toContainText(/republish|publish the model again/i);
    await expect(page.locator("canvas")).toHaveCount(0);
  });

  test("weights altered at the same size are refused by their sha256 instead of drawing a black grid", async ({
    page,
  }) => {
    await page.goto(`${DAMAGED_URL}/models/${DAMAGED_MODEL}/${DAMAGED_VERSIONS.weightsAltered}`);
    const alert = page.getByTestId("model-error");
    await expect(alert).toHaveAttribute("role", "alert");
    await expect(alert).toContainText("cannot be loaded");
    await expect(alert).toContainText(/weights\.bin .* has sha256 [0-9a-f]{64} but the manifest records [0-9a-f]{64}/);
    await expect(alert).toContainText("delete the folder");
    await expect(page.locator("canvas")).toHaveCount(0);
  });

  test("a model.json whose weights file is missing shows the browser's load error", async ({ page }) => {
    await page.goto(`${DAMAGED_URL}/models/${DAMAGED_MODEL}/${DAMAGED_VERSIONS.weightsUnlisted}`);
    const alert = page.getByTestId("model-error");
    await expect(alert).toHaveAttribute("role", "alert");
    await expect(alert).toContainText("The generator could not be loaded");
    await expect(alert).toContainText("missing-");
    await expect(page.getByTestId("sample-grid")).toHaveCount(0);
  });
});
