import { expect, test } from "@playwright/test";
import {
  DAMAGED_MODEL,
  DAMAGED_URL,
  DAMAGED_VERSIONS,
  EMPTY_REGISTRY,
  EMPTY_URL,
  MODEL,
  OUTSIDE_FILE,
} from "./e2e-env";

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
    await expect(versions.nth(0)).toContainText(
      "classifier-space Fréchet distance (not comparable with Inception FID)",
    );
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
    const card = page.getByTestId("model-card").filter({ has: page.getByRole("heading", { name: MODEL }) });
    await card.getByRole("link", { name: "v1", exact: true }).click();
    await expect(page).toHaveURL(/\/models\/e2e-digits\/1/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(MODEL);
  });

  test("lists a model's intact versions and names each damaged one: file, problem and what to do", async ({ page }) => {
    await page.goto(`${DAMAGED_URL}/`);
    const card = page.getByTestId("model-card").filter({ has: page.getByRole("heading", { name: DAMAGED_MODEL }) });
    await expect(card).toBeVisible();
    const versions = card.getByTestId("version-summary");
    await expect(versions.and(page.locator(`[data-version="${DAMAGED_VERSIONS.weightsUnlisted}"]`))).toHaveCount(1);
    for (const damaged of [DAMAGED_VERSIONS.weightsDeleted, DAMAGED_VERSIONS.symlinkOut]) {
      await expect(versions.and(page.locator(`[data-version="${damaged}"]`))).toHaveCount(0);
    }

    const notice = card.getByTestId("damaged-versions");
    await expect(notice).toHaveAttribute("role", "alert");
    const deleted = notice.getByTestId("damaged-version").filter({ hasText: `v${DAMAGED_VERSIONS.weightsDeleted}` });
    await expect(deleted).toContainText("weights.bin");
    await expect(deleted).toContainText("is missing");
    const escaping = notice.getByTestId("damaged-version").filter({ hasText: `v${DAMAGED_VERSIONS.symlinkOut}` });
    await expect(escaping).toContainText("samples.png");
    await expect(escaping).toContainText("outside the registry");
    await expect(notice).toContainText("delete");
    await expect(notice).toContainText(`registry alias ${DAMAGED_MODEL} <version> <alias>`);
    await expect(notice).not.toContainText(/republish/i);
    // Where a link out of the registry points stays on the server.
    expect(await page.content()).not.toContain(OUTSIDE_FILE);
  });

  test("an empty registry says how to train the first model", async ({ page }) => {
    await page.goto(`${EMPTY_URL}/`);
    const empty = page.getByRole("region", { name: "No models yet" });
    await expect(empty).toContainText("pnpm --filter @ganvas/trainer start");
    await expect(empty).toContainText(EMPTY_REGISTRY);
  });
});
