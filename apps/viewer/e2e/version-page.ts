// Opening a version page and waiting until its generator has drawn a grid.
import { expect } from "@playwright/test";
import type { Page } from "@playwright/test";
import { canvasPixels } from "./pixels";

export function sampleGrid(page: Page) {
  return page.getByTestId("sample-grid");
}

/** Waits until the grid shows the given seed's samples (or any seed's) and returns its pixels. */
export async function gridPixels(page: Page, seed?: number | RegExp): Promise<number[]> {
  const grid = sampleGrid(page);
  await expect(grid).toHaveAttribute(
    "data-rendered-seed",
    seed === undefined ? /\d+/ : typeof seed === "number" ? String(seed) : seed,
  );
  return canvasPixels(grid.locator("canvas"));
}

export function seedInUrl(page: Page): string | null {
  return new URL(page.url()).searchParams.get("seed");
}

/** Waits until the grid shows the seed's samples in the class choice ("all" or a label) and returns its pixels. */
export async function classGridPixels(page: Page, seed: number, classChoice: number | "all"): Promise<number[]> {
  await expect(sampleGrid(page)).toHaveAttribute("data-rendered-class", String(classChoice));
  return gridPixels(page, seed);
}
