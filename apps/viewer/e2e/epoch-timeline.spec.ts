import { expect, test } from "@playwright/test";
import { Registry } from "@ganvas/registry";
import { EPOCHS_MODEL, EPOCHS_TRAINED, FASHION_MODEL, HEALTHY_REGISTRY, MODEL } from "./e2e-env";
import { imagePixels, meanAbsDiff } from "./pixels";

/** 48 images in batches of 16. */
const STEPS_PER_EPOCH = 3;

test.describe("training progress", () => {
  test("scrubs and plays the per-epoch grids, marking each epoch on the loss chart", async ({ page }) => {
    await page.goto(`/models/${EPOCHS_MODEL}/1`);
    const timeline = page.getByTestId("epoch-timeline");
    const frame = timeline.getByTestId("epoch-frame");
    const slider = timeline.getByRole("slider", { name: "Epoch" });
    const chart = page.getByTestId("loss-chart");
    // The page opens on the last epoch.
    await expect(timeline).toHaveAttribute("data-epoch", String(EPOCHS_TRAINED));
    await expect(timeline).toContainText(`Epoch ${EPOCHS_TRAINED} of ${EPOCHS_TRAINED}`);
    await expect(chart).toHaveAttribute("data-marked-step", String(EPOCHS_TRAINED * STEPS_PER_EPOCH));
    const last = await imagePixels(frame);
    expect(last.length).toBeGreaterThan(0);

    await slider.focus();
    await page.keyboard.press("Home");
    await expect(timeline).toHaveAttribute("data-epoch", "1");
    await expect(frame).toHaveAttribute("src", /epoch-0001\.png$/);
    await expect(timeline).toContainText(`Epoch 1 of ${EPOCHS_TRAINED}, step ${STEPS_PER_EPOCH}`);
    await expect(chart).toHaveAttribute("data-marked-step", String(STEPS_PER_EPOCH));
    await expect(chart).toContainText(`Epoch 1 of ${EPOCHS_TRAINED}`);
    const first = await imagePixels(frame);
    expect(first.length).toBe(last.length);
    expect(meanAbsDiff(first, last)).toBeGreaterThan(0);

    await page.keyboard.press("ArrowRight");
    await expect(timeline).toHaveAttribute("data-epoch", "2");
    const second = await imagePixels(frame);
    expect(meanAbsDiff(second, first)).toBeGreaterThan(0);

    // Play runs on to the last epoch and stops there.
    const play = timeline.getByRole("button", { name: "Play" });
    await play.click();
    await expect(timeline).toHaveAttribute("data-epoch", String(EPOCHS_TRAINED));
    await expect(timeline.getByRole("button", { name: "Play" })).toHaveAttribute("aria-pressed", "false");
    expect(meanAbsDiff(await imagePixels(frame), last)).toBe(0);
  });

  test("a version without per-epoch grids shows its last grid, at its last step", async ({ page }) => {
    await page.goto(`/models/${MODEL}/1`);
    const timeline = page.getByTestId("epoch-timeline");
    await expect(timeline).toHaveAttribute("data-epoch", "end");
    await expect(timeline).toContainText("End of training, step 6");
    await expect(timeline).toContainText("no per-epoch grids");
    await expect(timeline.getByRole("slider", { name: "Epoch" })).toBeDisabled();
    expect((await imagePixels(timeline.getByTestId("epoch-frame"))).length).toBeGreaterThan(0);
    await expect(page.getByTestId("loss-chart")).toHaveAttribute("data-marked-step", "6");
  });

  test("names Fashion-MNIST's classes in the coverage chart, the details and the gallery, with its score", async ({
    page,
  }) => {
    // The names the trainer recorded: T-shirt/top ... Ankle boot.
    const { manifest } = await new Registry(HEALTHY_REGISTRY).resolve(`${FASHION_MODEL}@1`);
    const CLOTHES = manifest.dataset.classNames ?? [];
    expect([CLOTHES.length, CLOTHES[0], CLOTHES[9]]).toEqual([10, "T-shirt/top", "Ankle boot"]);
    await page.goto(`/models/${FASHION_MODEL}/1`);
    const coverage = page.getByTestId("mode-coverage");
    for (const name of CLOTHES) await expect(coverage).toContainText(name);
    await expect(page.getByTestId("class-names")).toHaveText(CLOTHES.join(", "));

    await page.goto(`/?model=${FASHION_MODEL}`);
    const summary = page.getByTestId("version-summary");
    await expect(summary).toContainText("fashion-mnist-embedded");
    await expect(summary).toContainText(CLOTHES.join(", "));
    // Scored out of the box by the shipped evaluator, beside the real-data floor.
    const quality = manifest.metrics.quality;
    expect(quality?.evaluator).toBe("evaluator-fashion-mnist-embedded-32@1");
    await expect(summary).toContainText(quality!.value.toFixed(2));
    await expect(summary.getByTestId("quality-floor")).toContainText(
      `real training images score ${quality!.realDataFloor!.toFixed(2)}`,
    );
  });
});
