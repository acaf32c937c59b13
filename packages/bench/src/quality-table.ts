import { markdownTable } from "markdown-table";
import { COVERED_SHARE, coveredClasses, rarestClassShare } from "./class-coverage";
import { median } from "./median";
import type { QualityResults, QualityRun } from "./quality-results";

const HEADER = [
  "side",
  "seed",
  "steps",
  "wall seconds",
  "score",
  "real-data floor",
  `classes at >= ${COVERED_SHARE * 100}%`,
  "rarest class share",
];

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function runRow(run: QualityRun): string[] {
  return [
    run.side,
    String(run.seed),
    run.steps.toLocaleString("en-US"),
    run.trainingSeconds.toFixed(0),
    run.score.toFixed(2),
    run.realDataFloor === null ? "—" : run.realDataFloor.toFixed(2),
    `${coveredClasses(run.classHistogram)} of ${run.classHistogram.length}`,
    percent(rarestClassShare(run.classHistogram)),
  ];
}

/** Each side's medians over its seeds (the worst seed for coverage: every seed should cover every class). */
function medianRow(side: QualityRun["side"], runs: QualityRun[]): string[] {
  const floors = runs.flatMap((run) => (run.realDataFloor === null ? [] : [run.realDataFloor]));
  const scores = runs.map((run) => run.score);
  return [
    `${side} (median)`,
    runs.map((run) => run.seed).join(", "),
    median(runs.map((run) => run.steps)).toLocaleString("en-US"),
    median(runs.map((run) => run.trainingSeconds)).toFixed(0),
    `${median(scores).toFixed(2)} (${Math.min(...scores).toFixed(2)}–${Math.max(...scores).toFixed(2)})`,
    floors.length === 0 ? "—" : median(floors).toFixed(2),
    `${Math.min(...runs.map((run) => coveredClasses(run.classHistogram)))} of ${runs[0]?.classHistogram.length ?? 0} (worst seed)`,
    `${percent(Math.min(...runs.map((run) => rarestClassShare(run.classHistogram))))} (worst seed)`,
  ];
}

/** The comparison as Markdown: one row per side and seed, then per side's medians when there are several seeds. */
export function formatQualityReport(results: QualityResults): string {
  const bySide = (side: QualityRun["side"]) => results.runs.filter((run) => run.side === side);
  const sides = [bySide("PyTorch"), bySide("Ganvas")] as const;
  const rows = sides.flatMap((runs) => runs.map(runRow));
  if (results.seeds.length > 1) rows.push(medianRow("PyTorch", sides[0]), medianRow("Ganvas", sides[1]));
  const { machine, pytorch } = results;
  return [
    `### Sample quality for the same wall-clock budget (${results.budgetMinutes} min of training, ${results.data})`,
    "",
    markdownTable([HEADER, ...rows]),
    "",
    `Score: classifier-space Fréchet distance of ${results.runs[0]?.samples.toLocaleString("en-US") ?? "—"} samples to the held-out digits by ${results.evaluator} (lower is better; the real-data floor is what real training digits score).`,
    `Ganvas: \`train\` with its default preset on ${results.ganvasBackend}; PyTorch ${pytorch.torchVersion} (${pytorch.blas}), ${pytorch.threads} threads, the classic DCGAN recipe on the same network and pixels.`,
    `Machine: ${machine.cpuModel}, ${machine.cpus} cores, load average ${machine.loadAverageAtStart} at the start.`,
    ...results.notes,
  ].join("\n");
}
