import path from "node:path";
import { defineConfig } from "@playwright/test";
import { APP_ROOT, DAMAGED_REGISTRY, EMPTY_REGISTRY, HEALTHY_REGISTRY, HEALTHY_URL, PORTS } from "./e2e/e2e-env";

const nextBin = path.join(APP_ROOT, "node_modules", "next", "dist", "bin", "next");

/** The built site (`pnpm build` first), reading one of the temporary registries. */
function nextStart(port: number, registry: string) {
  return {
    // copy-wasm again: a build restored from turbo's cache brings .next/ but not public/tfjs-wasm/.
    command: `node scripts/copy-wasm.mjs && node ${nextBin} start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    cwd: APP_ROOT,
    env: { GANVAS_REGISTRY: registry },
    reuseExistingServer: false,
    timeout: 60_000,
  };
}

export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/global-setup.ts",
  // Two cores: one worker keeps the browser, the server and the trainer out of each other's way.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  use: {
    baseURL: HEALTHY_URL,
    browserName: "chromium",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        // Exposes navigator.gpu on http://127.0.0.1 with a SwiftShader adapter (null without it), so the WebGPU
        // path runs here; the page still picks wasm by itself, since that adapter is software.
        "--enable-unsafe-webgpu",
      ],
    },
  },
  webServer: [
    nextStart(PORTS.healthy, HEALTHY_REGISTRY),
    nextStart(PORTS.damaged, DAMAGED_REGISTRY),
    nextStart(PORTS.empty, EMPTY_REGISTRY),
  ],
});
