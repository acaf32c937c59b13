import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PRESETS } from "@ganvas/core";
import { pytorchShapeArgs } from "./pytorch-args";
import type { PresetName, PytorchRow } from "./results";

const SCRIPT = fileURLToPath(new URL("../pytorch/dcgan_step.py", import.meta.url));
/** Trains the same network for a wall-clock budget and draws samples (the --quality comparison). */
export const TRAIN_SCRIPT = fileURLToPath(new URL("../pytorch/dcgan_train.py", import.meta.url));
const INSTALL_HINT = "apt-get install -y python3-torch libopenblas0-pthread";

/** Pins every thread pool (BLAS and torch's own): unpinned, beside any other busy process, the step time swung several-fold. */
function pinnedThreads(threads: number): Record<string, string> {
  const count = String(threads);
  return { OMP_NUM_THREADS: count, OPENBLAS_NUM_THREADS: count, MKL_NUM_THREADS: count };
}

export type TorchPython =
  { ok: true; python: string; torchVersion: string; blas: string } | { ok: false; reason: string };

/** Runs a script of pytorch/ (dcgan_step.py unless told) with its thread pools pinned; resolves to its stdout. */
export function runPython(
  python: string,
  args: string[],
  timeoutMs: number,
  threads = 1,
  script = SCRIPT,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script, ...args], {
      env: { ...process.env, ...pinnedThreads(threads) },
      stdio: ["ignore", "pipe", "inherit"], // stderr carries the per-step progress
      timeout: timeoutMs,
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${python} ${script} exited with ${signal ?? `code ${String(code)}`}`));
    });
  });
}

/**
 * The first Python that imports torch: BENCH_PYTHON, then Debian's /usr/bin/python3 (where python3-torch
 * installs, even when another python3 comes first on PATH), then python3. It must use OpenBLAS: with the
 * reference BLAS PyTorch is about 7 times slower and the comparison would flatter tfjs.
 */
export async function findTorchPython(): Promise<TorchPython> {
  const candidates = [process.env["BENCH_PYTHON"], "/usr/bin/python3", "python3"].filter((p): p is string =>
    Boolean(p),
  );
  for (const python of candidates) {
    let probe: { torchVersion: string; blas: string };
    try {
      probe = JSON.parse(await runPython(python, ["--probe"], 60_000)) as typeof probe;
    } catch {
      continue;
    }
    if (!probe.blas.includes("openblas")) {
      return { ok: false, reason: `PyTorch in ${python} uses ${probe.blas}, not OpenBLAS: ${INSTALL_HINT}` };
    }
    return { ok: true, python, ...probe };
  }
  return { ok: false, reason: `no Python with torch found (tried ${candidates.join(", ")}): ${INSTALL_HINT}` };
}

/** Median PyTorch step time for a preset, with the layer widths core builds for it. */
export async function measurePytorchStep(
  torch: Extract<TorchPython, { ok: true }>,
  preset: PresetName,
  { warmup, steps, threads, timeoutMs }: { warmup: number; steps: number; threads: number; timeoutMs: number },
): Promise<PytorchRow> {
  const { batchSize } = PRESETS[preset];
  const args = [
    ...(await pytorchShapeArgs(preset)),
    "--warmup",
    String(warmup),
    "--steps",
    String(steps),
    "--threads",
    String(threads),
  ];
  const row = { preset, batchSize, warmup, threads };
  try {
    const result = JSON.parse(await runPython(torch.python, args, timeoutMs, threads)) as Extract<
      PytorchRow,
      { status: "ok" }
    >;
    return { ...row, ...result, status: "ok" };
  } catch (error) {
    return { ...row, status: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
}
