import { access, constants, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { PRESETS } from "@ganvas/core";
import { summarize } from "./median";
import { progress } from "./progress";
import type { BrowserBackend, BrowserRow, PresetName } from "./results";
import { saveGenerator } from "./save-generator";
import { startStaticServer } from "./static-server";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export type BrowserPlan = {
  backends: BrowserBackend[];
  presets: PresetName[];
  imageCounts: number[];
  warmup: number;
  repeats: number;
};
export type BrowserSection = { chromium: string | null; rows: BrowserRow[]; notes: string[] };

type PageResult = { backend: string; renderer: string | null; byModel: Record<string, Record<string, number[]>> };
type PageWindow = { ganvasGenerationLatency(request: unknown): Promise<PageResult> };

/** The `dist` folder of an installed tfjs package, whose UMD bundles and .wasm files the page loads. */
function distOf(packageName: string): string {
  return join(dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`)), "dist");
}

async function runBackend(
  pageUrl: string,
  backend: BrowserBackend,
  plan: BrowserPlan,
  launch: () => ReturnType<typeof chromium.launch>,
) {
  // A fresh browser per backend: nothing of one backend's engine state leaks into the other's timings.
  const browser = await launch();
  try {
    const page = await browser.newPage();
    page.on("console", (message) => progress(`chromium ${backend}`, message.text()));
    await page.goto(pageUrl);
    const models = Object.fromEntries(plan.presets.map((preset) => [preset, `/models/${preset}/model.json`]));
    const request = { backend, models, imageCounts: plan.imageCounts, warmup: plan.warmup, repeats: plan.repeats };
    const result = await page.evaluate((r) => (window as unknown as PageWindow).ganvasGenerationLatency(r), request);
    return { ...result, version: browser.version() };
  } finally {
    await browser.close();
  }
}

function measuredRows(backend: BrowserBackend, byModel: PageResult["byModel"]): BrowserRow[] {
  return Object.entries(byModel).flatMap(([preset, byCount]) =>
    Object.entries(byCount).map(([images, samples]) => ({
      backend,
      preset: preset as PresetName,
      images: Number(images),
      status: "ok" as const,
      ...summarize(samples),
    })),
  );
}

function failedRows(backend: BrowserBackend, plan: BrowserPlan, reason: string): BrowserRow[] {
  return plan.presets.flatMap((preset) =>
    plan.imageCounts.map((images) => ({ backend, preset, images, status: "failed" as const, reason })),
  );
}

/**
 * Generation latency in headless Chromium for 1, 16 and 64 images, per backend and preset, with core's
 * generators saved as the layers format and loaded over HTTP as the viewer does.
 */
export async function measureBrowserLatency(plan: BrowserPlan): Promise<BrowserSection> {
  const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    const reason = `Chromium not found at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`;
    return { chromium: null, rows: [], notes: [`Browser section skipped: ${reason}.`] };
  }
  const launch = () => chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const modelsDir = await mkdtemp(join(tmpdir(), "ganvas-bench-"));
  const notes: string[] = [];
  const rows: BrowserRow[] = [];
  try {
    for (const preset of plan.presets) await saveGenerator(PRESETS[preset].config, join(modelsDir, preset));
    const server = await startStaticServer({
      page: fileURLToPath(new URL("browser-page", import.meta.url)),
      models: modelsDir,
      "tfjs-core": distOf("@tensorflow/tfjs-core"),
      "tfjs-layers": distOf("@tensorflow/tfjs-layers"),
      "tfjs-backend-wasm": distOf("@tensorflow/tfjs-backend-wasm"),
      "tfjs-backend-webgl": distOf("@tensorflow/tfjs-backend-webgl"),
    });
    let version = "";
    try {
      for (const backend of plan.backends) {
        try {
          const result = await runBackend(`${server.url}/`, backend, plan, launch);
          version = result.version;
          if (result.renderer) notes.push(`Chromium WebGL renderer: ${result.renderer}.`);
          rows.push(...measuredRows(backend, result.byModel));
        } catch (error) {
          const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
          rows.push(...failedRows(backend, plan, reason));
          notes.push(`Chromium ${backend} failed: ${reason}`);
        }
      }
    } finally {
      await server.close();
    }
    return { chromium: `${executablePath} ${version}`.trim(), rows, notes };
  } finally {
    await rm(modelsDir, { recursive: true, force: true });
  }
}
