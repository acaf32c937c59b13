import { describe, expect, it } from "vitest";
import { coveredClasses, rarestClassShare } from "../src/class-coverage";
import type { QualityResults, QualityRun } from "../src/quality-results";
import { formatQualityReport } from "../src/quality-table";

const run = (side: QualityRun["side"], seed: number, score: number, classHistogram: number[]): QualityRun => ({
  side,
  seed,
  steps: 1000 + seed,
  trainingSeconds: 60.4,
  commandSeconds: 75,
  score,
  realDataFloor: 1.5,
  classHistogram,
  samples: 1005,
  evaluator: "evaluator-mnist-embedded-32@1",
});

const even = [101, 100, 100, 100, 100, 100, 101, 101, 101, 101];
const oneRare = [40, 115, 106, 106, 106, 106, 106, 106, 107, 107];

function results(runs: QualityRun[], seeds: number[]): QualityResults {
  return {
    startedAt: "2026-12-02T17:00:00.000Z",
    finishedAt: "2026-12-02T17:05:00.000Z",
    machine: {
      cpuModel: "test CPU",
      cpus: 2,
      node: "v22",
      platform: "linux-x64",
      gitCommit: null,
      loadAverageAtStart: 0.2,
    },
    budgetMinutes: 1,
    seeds,
    data: "mnist-embedded",
    ganvasBackend: "onnxruntime",
    pytorch: { torchVersion: "2.0", blas: "openblas", threads: 2 },
    evaluator: "evaluator-mnist-embedded-32@1",
    runs,
    notes: [],
  };
}

/** The Markdown table's body rows, as trimmed cells. */
function tableRows(report: string): string[][] {
  return report
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

describe("the --quality report", () => {
  it("counts the classes at 5% or more and the rarest class's share", () => {
    expect(coveredClasses(even)).toBe(10);
    expect(coveredClasses(oneRare)).toBe(9); // 40 of 1,005 is 4.0%
    expect(rarestClassShare(oneRare)).toBeCloseTo(40 / 1005, 12);
    expect(coveredClasses([0, 0])).toBe(0);
  });

  it("prints one row per side and seed, then each side's medians over several seeds", () => {
    const report = formatQualityReport(
      results(
        [
          run("Ganvas", 1, 10, even),
          run("PyTorch", 1, 30, oneRare),
          run("Ganvas", 2, 14, even),
          run("PyTorch", 2, 20, even),
          run("Ganvas", 3, 12, oneRare),
          run("PyTorch", 3, 40, even),
        ],
        [1, 2, 3],
      ),
    );
    const rows = tableRows(report);
    expect(rows.map((row) => `${row[0]} ${row[1]}`)).toEqual([
      ...["PyTorch 1", "PyTorch 2", "PyTorch 3", "Ganvas 1", "Ganvas 2", "Ganvas 3"],
      ...["PyTorch (median) 1, 2, 3", "Ganvas (median) 1, 2, 3"],
    ]);
    expect(rows[0]).toEqual(["PyTorch", "1", "1,001", "60", "30.00", "1.50", "9 of 10", "4.0%"]);
    expect(rows[6]).toEqual([
      ...["PyTorch (median)", "1, 2, 3", "1,002", "60", "30.00 (20.00–40.00)", "1.50"],
      ...["9 of 10 (worst seed)", "4.0% (worst seed)"],
    ]);
    expect(rows[7]?.[4]).toBe("12.00 (10.00–14.00)");
    expect(report).toContain("by evaluator-mnist-embedded-32@1");
  });

  it("has no median rows for a single seed", () => {
    const report = formatQualityReport(results([run("Ganvas", 1, 10, even), run("PyTorch", 1, 30, even)], [1]));
    expect(report).not.toContain("median");
  });
});
