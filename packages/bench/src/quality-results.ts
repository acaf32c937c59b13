import type { BenchResults } from "./results";

/** One side's run for one seed: its training and its score by the project's evaluator. */
export interface QualityRun {
  side: "Ganvas" | "PyTorch";
  seed: number;
  steps: number;
  /** Training alone, as each side measures it (Ganvas: the published wallTimeSeconds). */
  trainingSeconds: number;
  /** The whole command: start-up, data, training and, for Ganvas, publishing and scoring. */
  commandSeconds: number;
  /** Classifier-space Fréchet distance on `samples` samples against the held-out digits; lower is better. */
  score: number;
  realDataFloor: number | null;
  classHistogram: number[];
  samples: number;
  /** The evaluator version that scored it ("evaluator-mnist-embedded-32@1"). */
  evaluator: string;
}

/** What `pnpm bench -- --quality` saves to bench/results/quality.json. */
export interface QualityResults {
  startedAt: string;
  finishedAt: string;
  machine: BenchResults["machine"];
  budgetMinutes: number;
  seeds: number[];
  data: string;
  ganvasBackend: string;
  pytorch: { torchVersion: string; blas: string; threads: number };
  evaluator: string;
  runs: QualityRun[];
  notes: string[];
}
