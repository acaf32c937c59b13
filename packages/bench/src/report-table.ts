import { markdownTable } from "markdown-table";
import type { BenchResults, GpuAdapter, Outcome, Timing } from "./results";

const ms = (value: number) => Math.round(value).toLocaleString("en-US");
const spread = (t: Timing) => `${ms(t.minMs)} to ${ms(t.maxMs)}`;

/** "skipped: why" for a row that did not run; the first cells stay, the measured ones read "—". */
function notRun(outcome: Outcome<unknown>): string {
  return outcome.status === "ok" ? "" : `${outcome.status}: ${outcome.reason}`;
}

/** A measured row's note: the kind of adapter a webgpu row ran on (adapterLines names it in full). */
function adapterCell(row: { adapter?: GpuAdapter }): string {
  if (row.adapter === undefined) return "";
  return row.adapter.software ? "software adapter" : row.adapter.summary;
}

/** Each WebGPU adapter the webgpu rows ran on, and what a software one means for their figures. */
function adapterLines(results: BenchResults): string {
  const adapters = new Map<string, GpuAdapter>();
  for (const row of [...results.training, ...results.generation])
    if (row.adapter) adapters.set(row.adapter.summary, row.adapter);
  return [...adapters.values()]
    .map((adapter) =>
      adapter.software
        ? `WebGPU adapter: ${adapter.summary}, software: it runs WebGPU on the CPU, so the webgpu rows measure this CPU, not a GPU.\n`
        : `WebGPU adapter: ${adapter.summary} (hardware).\n`,
    )
    .join("");
}

function section(title: string, header: string[], rows: string[][]): string {
  if (rows.length === 0) return "";
  return `### ${title}\n\n${markdownTable([header, ...rows])}\n`;
}

function trainingSection(results: BenchResults): string {
  const rows = results.training.map((row) => {
    const head = [row.backend, row.preset, String(row.batchSize)];
    if (row.status !== "ok") return [...head, "—", "—", "—", notRun(row)];
    return [...head, `${row.warmup} + ${row.samplesMs.length}`, ms(row.medianMs), spread(row), adapterCell(row)];
  });
  return section(
    "Training step, tfjs in Node (median ms per step after warm-up)",
    ["backend", "preset", "batch", "warm-up + steps", "median ms", "range ms", "note"],
    rows,
  );
}

function generationSection(results: BenchResults): string {
  const rows = results.generation.map((row) => {
    const head = [row.backend, row.preset, String(row.batchSize)];
    if (row.status !== "ok") return [...head, "—", "—", notRun(row)];
    return [...head, ms(row.medianMs), row.imagesPerSecond.toFixed(1), adapterCell(row)];
  });
  return section(
    "Generation, tfjs in Node (inference mode)",
    ["backend", "preset", "images", "median ms", "images/s", "note"],
    rows,
  );
}

function browserSection(results: BenchResults): string {
  const { rows } = results.browser;
  const counts = [...new Set(rows.map((row) => row.images))].sort((a, b) => a - b);
  const keys = [...new Set(rows.map((row) => `${row.backend}/${row.preset}`))];
  const table = keys.map((key) => {
    const cells = counts.map((images) => {
      const row = rows.find((r) => `${r.backend}/${r.preset}` === key && r.images === images);
      return row === undefined ? "—" : row.status === "ok" ? ms(row.medianMs) : row.status;
    });
    return [...key.split("/"), ...cells];
  });
  const title = `Generation latency in headless Chromium (median ms per call; ${results.browser.chromium ?? "no chromium"})`;
  return section(title, ["backend", "preset", ...counts.map((n) => `${n} image${n === 1 ? "" : "s"}`)], table);
}

function browserSpeedSections(results: BenchResults): string {
  const { training, generation } = results.browserSpeed ?? { training: [], generation: [] };
  if (training.length === 0 && generation.length === 0) return "";
  const threads = (row: { threads: number }) => `${row.threads} thread${row.threads === 1 ? "" : "s"}`;
  const trainingRows = training.map((row) => {
    const head = [row.preset, String(row.batchSize), row.setting];
    if (row.status !== "ok") return [...head, "—", "—", "—", notRun(row)];
    return [...head, threads(row), ms(row.medianMs), row.stepsPerSecond.toFixed(2), ""];
  });
  const generationRows = generation.map((row) => {
    const head = [row.setting, row.coreKernels ? "yes" : "no", String(row.images)];
    if (row.status !== "ok") return [...head, "—", "—", notRun(row)];
    return [...head, threads(row), ms(row.medianMs), ""];
  });
  return [
    section(
      "Training on wasm: headless Chromium (the /train page's step) against Node (median ms per step)",
      ["preset", "batch", "where", "threads", "median ms", "steps/s", "note"],
      trainingRows,
    ),
    section(
      "Generating 64 `fast` samples on wasm in headless Chromium, before and after cross-origin isolation (median ms)",
      ["page", "core's kernels", "images", "threads", "median ms", "note"],
      generationRows,
    ),
  ].join("\n");
}

function pytorchSection(results: BenchResults): string {
  const rows = results.pytorch.map((row) => {
    const head = [row.preset, String(row.batchSize)];
    if (row.status !== "ok") return [...head, "—", "—", "—", "—", notRun(row)];
    const setup = `torch ${row.torchVersion}, ${row.threads} thread${row.threads === 1 ? "" : "s"}, ${row.blas.includes("openblas") ? "OpenBLAS" : row.blas}`;
    return [...head, `${row.warmup} + ${row.samplesMs.length}`, ms(row.medianMs), spread(row), setup, ""];
  });
  return section(
    "PyTorch CPU reference, same network and step (median ms per step)",
    ["preset", "batch", "warm-up + steps", "median ms", "range ms", "setup", "note"],
    rows,
  );
}

function ratioSection(results: BenchResults): string {
  const rows = results.ratios.map((r) => [
    r.preset,
    r.tfjsBackend,
    ms(r.tfjsMs),
    String(r.pytorchThreads),
    ms(r.pytorchMs),
    `${r.ratio.toFixed(2)}x`,
  ]);
  return section(
    "tfjs vs PyTorch (best tfjs CPU backend; below 1 = tfjs is faster)",
    ["preset", "tfjs backend", "tfjs ms", "PyTorch threads", "PyTorch ms", "tfjs / PyTorch"],
    rows,
  );
}

function sideBySideSection(results: BenchResults): string {
  const rows = results.sideBySide.map((row) => {
    const head = [row.preset, row.tfjsBackend, String(row.pytorchThreads)];
    if (row.status !== "ok") return [...head, "—", "—", notRun(row)];
    const rounds = row.rounds.map((r) => `${ms(r.tfjsMs)} / ${ms(r.pytorchMs)} = ${r.ratio.toFixed(2)}`).join("; ");
    return [...head, rounds, `**${row.medianRatio.toFixed(2)}x**`, ""];
  });
  return section(
    `tfjs vs PyTorch side by side (alternating rounds of ${results.sideBySide[0]?.steps ?? "—"} steps each; below 1 = tfjs is faster)`,
    ["preset", "tfjs backend", "PyTorch threads", "rounds: tfjs ms / PyTorch ms = ratio", "median ratio", "note"],
    rows,
  );
}

function presetLine(results: BenchResults): string {
  const presets = Object.entries(results.presets).map(([name, { config: c, batchSize }]) => {
    const shape = `${c.imageSize}x${c.imageSize}x${c.channels}, widths G ${c.generatorWidth} / D ${c.discriminatorWidth}, z ${c.zDim}`;
    return `${name} = ${shape}, batch ${batchSize}`;
  });
  return `Presets: ${presets.join("; ")}.\n`;
}

/** The whole run as Markdown: one table per section, then the notes (skips, failures, machine load). */
export function formatReport(results: BenchResults): string {
  const m = results.machine;
  const title = `## Ganvas benchmark (${results.mode} mode), ${results.startedAt}\n`;
  const machine = `${m.cpus} x ${m.cpuModel}, Node ${m.node}, ${m.platform}, load average ${m.loadAverageAtStart} at start, commit ${m.gitCommit?.slice(0, 7) ?? "unknown"}.\n`;
  const sections = [
    trainingSection,
    generationSection,
    browserSection,
    browserSpeedSections,
    pytorchSection,
    ratioSection,
    sideBySideSection,
  ].map((f) => f(results));
  const notes = results.notes.length > 0 ? `### Notes\n\n${results.notes.map((n) => `- ${n}`).join("\n")}\n` : "";
  return [title, machine, adapterLines(results), presetLine(results), ...sections, notes].filter(Boolean).join("\n");
}
