// Copies the tfjs wasm binaries into public/ so the app serves them itself (setWasmPaths('/tfjs-wasm/')).
import { copyFile, mkdir, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const appRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(appRoot, "package.json"));
const distDir = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")) + "/dist";
const targetDir = path.join(appRoot, "public", "tfjs-wasm");

const wasmFiles = (await readdir(distDir)).filter((file) => file.endsWith(".wasm"));
if (wasmFiles.length === 0) {
  throw new Error(`No .wasm files in ${distDir}: reinstall dependencies with \`pnpm install\`.`);
}
await mkdir(targetDir, { recursive: true });
await Promise.all(wasmFiles.map((file) => copyFile(path.join(distDir, file), path.join(targetDir, file))));
// The threaded build's factory as the package ships it: its pthreads load this file (lib/wasm-path.ts).
const threadedScript = "tfjs-backend-wasm-threaded-simd.js";
await copyFile(path.join(distDir, "..", "wasm-out", threadedScript), path.join(targetDir, threadedScript));
console.log(`copy-wasm: ${[...wasmFiles, threadedScript].join(", ")} -> public/tfjs-wasm/`);
