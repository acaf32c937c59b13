import { median } from "./median";
import type { NodeBackend, PresetName, PytorchRow, Ratio, SideBySideRound, TrainingRow } from "./results";

type Measured<Row> = Extract<Row, { status: "ok" }>;

function measured<Row extends { status: string }>(row: Row): row is Measured<Row> {
  return row.status === "ok";
}

/**
 * The PyTorch reference runs on the CPU, so only the CPU backends are its match: webgpu is left out, on a
 * GPU (another contest) and on a software adapter (a CPU emulating a GPU, never the fastest way to use one).
 */
function onCpu(row: TrainingRow): boolean {
  return row.backend !== "webgpu";
}

/** For each PyTorch measurement (preset and thread count): the fastest tfjs CPU backend's median step over PyTorch's. */
export function tfjsOverPytorch(training: TrainingRow[], pytorch: PytorchRow[]): Ratio[] {
  return pytorch.filter(measured).flatMap((reference) => {
    const candidates = training.filter(measured).filter((row) => onCpu(row) && row.preset === reference.preset);
    const best = candidates.reduce<(typeof candidates)[number] | undefined>(
      (fastest, row) => (fastest === undefined || row.medianMs < fastest.medianMs ? row : fastest),
      undefined,
    );
    if (best === undefined) return [];
    const ratio = best.medianMs / reference.medianMs;
    return [
      {
        preset: reference.preset,
        tfjsBackend: best.backend,
        tfjsMs: best.medianMs,
        pytorchThreads: reference.threads,
        pytorchMs: reference.medianMs,
        ratio,
      },
    ];
  });
}

/** The fastest tfjs CPU backend per preset in the training table: the one the side-by-side rounds pit against PyTorch. */
export function fastestBackends(training: TrainingRow[]): Map<PresetName, NodeBackend> {
  const fastest = new Map<PresetName, { backend: NodeBackend; ms: number }>();
  for (const row of training.filter(measured).filter(onCpu)) {
    const best = fastest.get(row.preset);
    if (best === undefined || row.medianMs < best.ms)
      fastest.set(row.preset, { backend: row.backend, ms: row.medianMs });
  }
  return new Map([...fastest].map(([preset, { backend }]) => [preset, backend]));
}

/** A round's ratio, and the median over rounds (each round's two figures were measured minutes apart at most). */
export function sideBySideRound(tfjsMs: number, pytorchMs: number): SideBySideRound {
  return { tfjsMs, pytorchMs, ratio: tfjsMs / pytorchMs };
}

export function medianRatio(rounds: SideBySideRound[]): number {
  return median(rounds.map((round) => round.ratio));
}
