import path from "node:path";
import { defineConfig } from "@playwright/test";
import {
  APP_ROOT,
  DAMAGED_REGISTRY,
  DATABASE_REGISTRY_ENV,
  DATABASE_URL,
  EMPTY_REGISTRY,
  HEALTHY_REGISTRY,
  HEALTHY_URL,
  PORTS,
  PUBLISH_REGISTRY,
} from "./e2e/e2e-env";

const nextBin = path.join(APP_ROOT, "node_modules", "next", "dist", "bin", "next");

/** The built site (`pnpm build` first), reading one of the temporary registries; publishing only where `env` allows it. */
function nextStart(port: number, registry: string, env: Record<string, string> = {}) {
  return {
    // copy-wasm again: a build restored from turbo's cache brings .next/ but not public/tfjs-wasm/.
    command: `node scripts/copy-wasm.mjs && node ${nextBin} start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    cwd: APP_ROOT,
    env: { GANVAS_ALLOW_PUBLISH: "0", ...env, GANVAS_REGISTRY: registry },
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
  projects: [
    { name: "folder" },
    {
      // The gallery and version pages once more, served from PostgreSQL + S3 (a copy of the healthy registry):
      // every test that reads the registry. Those of the damaged and empty folder registries, and those of the
      // browser alone (backends, new seeds, interpolation, the PNG download), run once, in the folder project
      // (about 3 of the 4 minutes this project took with them, measured on a loaded 2-core machine).
      name: "postgres+s3",
      testMatch: /(gallery|version-page)\.spec\.ts$/,
      grepInvert: /damaged one|empty registry|chosen backend|New samples|edited seed|interpolation|downloads the grid/,
      use: { baseURL: DATABASE_URL },
    },
  ],
  webServer: [
    nextStart(PORTS.healthy, HEALTHY_REGISTRY),
    nextStart(PORTS.damaged, DAMAGED_REGISTRY),
    nextStart(PORTS.empty, EMPTY_REGISTRY),
    // Started before global setup fills its database: until then the gallery says the registry is unavailable.
    nextStart(PORTS.database, DATABASE_REGISTRY_ENV.GANVAS_REGISTRY, DATABASE_REGISTRY_ENV),
    nextStart(PORTS.publishing, PUBLISH_REGISTRY, { GANVAS_ALLOW_PUBLISH: "1" }),
  ],
});
