// The browser's training speed and the effect of cross-origin isolation, in headless Chromium: a page bundled
// from core and tfjs (esbuild) times DcganTrainer steps for `tiny` and `fast` and 64-sample generation, once
// served plainly (one wasm thread, tfjs's own kernels: the viewer before isolation) and once cross-origin
// isolated (threaded SIMD wasm with core's kernels: the viewer now); Node's wasm backend steps beside them.
import { access, constants, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { PRESETS } from "@ganvas/core";
import { runInChild } from "./child-worker";
import { summarize } from "./median";
import type { TrainingRequest } from "./measure-training";
import { progress } from "./progress";
import type {
  BenchResults,
  BrowserTrainingRow,
  IsolationRow,
  NodeMeasurement,
  SpeedSetting,
  Timing,
  TrainablePreset,
} from "./results";
import { saveGenerator } from "./save-generator";
import type { SpeedRequest, SpeedResult } from "./browser-page/speed-page";
import { startStaticServer } from "./static-server";

const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};
const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-background-networking", "--no-first-run"];
const PAGE_HTML =
  '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/page/speed-page.js"></script>';

export type SpeedCounts = { warmup: number; steps: number };
export type BrowserSpeedPlan = {
  training: Record<TrainablePreset, SpeedCounts>;
  generation: { warmup: number; repeats: number };
};

export type BrowserSpeedSection = NonNullable<BenchResults["browserSpeed"]> & { notes: string[] };

const GENERATION_IMAGES = 64;

async function bundlePage(directory: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL("browser-page/speed-page.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    outfile: join(directory, "speed-page.js"),
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  await writeFile(join(directory, "index.html"), PAGE_HTML);
}

function wasmDist(): string {
  return join(dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
}

async function runPage(url: string, request: SpeedRequest, executablePath: string): Promise<SpeedResult> {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    page.on("pageerror", (error) => progress("chromium", error.message));
    await page.goto(url);
    await page.waitForFunction(() => "ganvasBrowserSpeed" in window);
    return await page.evaluate(
      (r) => (window as unknown as { ganvasBrowserSpeed(r: SpeedRequest): Promise<SpeedResult> }).ganvasBrowserSpeed(r),
      request,
    );
  } finally {
    await browser.close();
  }
}

function rowsOf(setting: SpeedSetting, coreKernels: boolean, result: SpeedResult) {
  const generation: IsolationRow = {
    setting,
    coreKernels,
    images: GENERATION_IMAGES,
    status: "ok",
    threads: result.threads,
    ...summarize(result.generationMs),
  };
  const training = Object.entries(result.trainingMs).map(([preset, samples]): BrowserTrainingRow => {
    const timing = summarize(samples);
    return {
      setting,
      preset: preset as TrainablePreset,
      batchSize: PRESETS[preset as TrainablePreset].batchSize,
      status: "ok",
      threads: result.threads,
      stepsPerSecond: 1000 / timing.medianMs,
      ...timing,
    };
  });
  return { generation, training };
}

async function nodeWasmRows(plan: BrowserSpeedPlan, timeoutMs: number): Promise<BrowserTrainingRow[]> {
  const rows: BrowserTrainingRow[] = [];
  for (const preset of ["tiny", "fast"] as const) {
    const head = { setting: "node" as const, preset, batchSize: PRESETS[preset].batchSize };
    const request: TrainingRequest = { backend: "wasm", preset, seed: 1, ...plan.training[preset] };
    try {
      const outcome = await runInChild<TrainingRequest, NodeMeasurement<Timing>>(
        new URL("./measure-training.ts", import.meta.url),
        request,
        timeoutMs,
      );
      rows.push(
        outcome.status === "ok"
          ? { ...head, ...outcome, threads: 1, stepsPerSecond: 1000 / outcome.medianMs }
          : { ...head, status: outcome.status, reason: outcome.reason },
      );
    } catch (error) {
      rows.push({ ...head, status: "failed", reason: (error as Error).message });
    }
  }
  return rows;
}

export async function measureBrowserSpeed(plan: BrowserSpeedPlan, timeoutMs: number): Promise<BrowserSpeedSection> {
  const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
  const notes: string[] = [];
  const section: BrowserSpeedSection = { training: [], generation: [], notes };
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    notes.push(`Browser training skipped: Chromium not found at ${executablePath} (set CHROMIUM_PATH).`);
    return section;
  }
  const root = await mkdtemp(join(tmpdir(), "ganvas-browser-speed-"));
  try {
    await bundlePage(join(root, "page"));
    await saveGenerator(PRESETS.fast.config, join(root, "models", "fast"));
    const mounts = { page: join(root, "page"), models: join(root, "models"), wasm: wasmDist() };
    const training = (["tiny", "fast"] as const).map((preset) => ({ preset, ...plan.training[preset] }));
    const generation = {
      modelUrl: "/models/fast/model.json",
      images: GENERATION_IMAGES,
      ...plan.generation,
    };
    const settings = [
      { setting: "chromium, not isolated" as const, headers: {}, coreKernels: false },
      { setting: "chromium, cross-origin isolated" as const, headers: ISOLATION_HEADERS, coreKernels: true },
    ];
    for (const { setting, headers, coreKernels } of settings) {
      const server = await startStaticServer(mounts, headers);
      try {
        progress("browser speed", `${setting}: generation and training steps`);
        const request: SpeedRequest = { wasmPath: "/wasm/", coreKernels, generation, training };
        const rows = rowsOf(setting, coreKernels, await runPage(`${server.url}/`, request, executablePath));
        section.generation.push(rows.generation);
        section.training.push(...rows.training);
      } catch (error) {
        notes.push(`Browser speed (${setting}) failed: ${(error as Error).message.split("\n")[0] ?? ""}`);
      } finally {
        await server.close();
      }
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  section.training.push(...(await nodeWasmRows(plan, timeoutMs)));
  return section;
}
