import type { PytorchRow, Ratio, TrainingRow } from "./results";

type Measured<Row> = Extract<Row, { status: "ok" }>;

function measured<Row extends { status: string }>(row: Row): row is Measured<Row> {
  return row.status === "ok";
}

/** For each PyTorch measurement (preset and thread count): the fastest tfjs backend's median step over PyTorch's. */
export function tfjsOverPytorch(training: TrainingRow[], pytorch: PytorchRow[]): Ratio[] {
  return pytorch.filter(measured).flatMap((reference) => {
    const candidates = training.filter(measured).filter((row) => row.preset === reference.preset);
    const best = candidates.reduce<(typeof candidates)[number] | undefined>(
      (fastest, row) => (fastest === undefined || row.medianMs < fastest.medianMs ? row : fastest),
      undefined,
    );
    if (best === undefined) return [];
    const ratio = best.medianMs / reference.medianMs;
    return [{ preset: reference.preset, tfjsBackend: best.backend, tfjsMs: best.medianMs, pytorchThreads: reference.threads, pytorchMs: reference.medianMs, ratio }];
  });
}
