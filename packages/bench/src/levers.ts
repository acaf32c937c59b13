// `pnpm --filter @ganvas/bench levers`: the quality levers of a DCGAN, each on its own and over several seeds.
// Every run is a real `train` of the trainer CLI into a scratch registry; its score comes from the evaluator
// that ships with the trainer (the same file for every run), so the rows compare directly.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { markdownTable } from "markdown-table";
import { Registry } from "@ganvas/registry";
import { rarestClassShare } from "./class-coverage";
import { median } from "./median";
import { repoRoot } from "./repo-root";
import { writeJsonAtomically } from "./results-file";
import { runTrainerCli } from "./trainer-cli";

/** One lever: the flags that change it from the old default (the fast preset), or a multiple of the epochs. */
interface Lever {
  name: string;
  flags: string[];
  epochsFactor?: number;
}

export const LEVERS: Lever[] = [
  // The fast preset as it was before the levers study: learning rate 2e-4 (the preset now trains at 4e-4).
  { name: "old default (fast, lr 2e-4)", flags: ["--lr", "2e-4"] },
  { name: "EMA of G, decay 0.999", flags: ["--ema", "0.999"] },
  { name: "label smoothing, real 0.9", flags: ["--real-label", "0.9"] },
  { name: "learning rate 4e-4", flags: ["--lr", "4e-4"] },
  { name: "widths 24", flags: ["--width", "24"] },
  { name: "widths 32", flags: ["--width", "32"] },
  { name: "twice the epochs", flags: [], epochsFactor: 2 },
];

interface RunResult {
  lever: string;
  seed: number;
  score: number;
  realDataFloor: number | null;
  /** Smallest share of the samples any class got, as the evaluator reads them. */
  rarestClassShare: number;
  steps: number;
  trainingSeconds: number;
  /** The whole command: data, training, publishing and scoring. */
  wallSeconds: number;
}

async function trainOnce(
  lever: Lever,
  seed: number,
  epochs: number,
  registryDir: string,
  logDir: string,
): Promise<RunResult> {
  const name = `lever-${seed}-${LEVERS.indexOf(lever)}`;
  const args = ["train", "--registry", registryDir, "--name", name];
  args.push("--seed", String(seed), "--backend", "onnxruntime", "--epochs", String(epochs * (lever.epochsFactor ?? 1)));
  args.push(...lever.flags);
  const started = performance.now();
  await runTrainerCli(args, join(logDir, `${name}.log`)).catch((error: Error) => {
    throw new Error(`${lever.name}, seed ${seed}: ${error.message}`);
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const { manifest } = await new Registry(registryDir).resolve(name);
  const quality = manifest.metrics.quality;
  if (!quality) throw new Error(`${lever.name}, seed ${seed}: no score (is the shipped evaluator there?)`);
  return {
    lever: lever.name,
    seed,
    score: quality.value,
    realDataFloor: quality.realDataFloor ?? null,
    rarestClassShare: rarestClassShare(quality.classHistogram),
    steps: manifest.training.steps,
    trainingSeconds: manifest.training.wallTimeSeconds,
    wallSeconds,
  };
}

function summaryTable(results: RunResult[], levers: Lever[]): string {
  const rows = levers.map((lever) => {
    const runs = results.filter((run) => run.lever === lever.name);
    const scores = runs.map((run) => run.score);
    const minutes = median(runs.map((run) => run.wallSeconds)) / 60;
    const rarest = Math.min(...runs.map((run) => run.rarestClassShare));
    return [
      lever.name,
      [...lever.flags, lever.epochsFactor ? `epochs x${lever.epochsFactor}` : ""].join(" ").trim() || "(none)",
      runs.map((run) => run.seed).join(", "),
      median(scores).toFixed(2),
      `${Math.min(...scores).toFixed(2)}–${Math.max(...scores).toFixed(2)}`,
      `${(rarest * 100).toFixed(1)}%`,
      String(runs[0]?.steps ?? ""),
      minutes.toFixed(1),
    ];
  });
  return markdownTable([
    ["lever", "flags", "seeds", "score median", "range", "rarest class (worst seed)", "steps", "minutes (median)"],
    ...rows,
  ]);
}

/** "1,2,3" -> [1, 2, 3]; also a single whole number. */
function seedList(text: string): number[] {
  const seeds = text.split(",").map(Number);
  if (seeds.some((seed) => !Number.isInteger(seed) || seed < 0))
    throw new InvalidArgumentError("whole numbers, e.g. 1,2,3");
  return seeds;
}

function leverList(text: string): Lever[] {
  const picked = text.split(",").map((index) => LEVERS[Number(index)]);
  if (picked.some((lever) => lever === undefined)) {
    throw new InvalidArgumentError(
      `lever numbers from 0 to ${LEVERS.length - 1}: ${LEVERS.map((l, i) => `${i} ${l.name}`).join("; ")}`,
    );
  }
  return picked as Lever[];
}

async function main(): Promise<void> {
  const program = new Command("levers")
    .description("train the fast preset once per lever and seed on the embedded digits, and score every run")
    .option("--seeds <list>", "seeds, comma-separated", seedList, [1, 2, 3])
    .option(
      "--levers <list>",
      `lever numbers, comma-separated: ${LEVERS.map((lever, i) => `${i} ${lever.name}`).join("; ")}`,
      leverList,
    )
    .option("--epochs <n>", "epochs of every run (the fast preset's: 15)", seedList, [15])
    .option("--extra <flags>", 'train flags added to every run, e.g. "--batch-size 32"', "")
    .option("--out <file>", "where the runs' figures are saved", join(repoRoot(), "bench", "results", "levers.json"))
    .parse();
  const options = program.opts<{ seeds: number[]; epochs: number[]; levers?: Lever[]; extra: string; out: string }>();
  const extra = options.extra.split(" ").filter(Boolean);
  const levers = (options.levers ?? LEVERS).map((lever) => ({ ...lever, flags: [...extra, ...lever.flags] }));
  const scratch = await mkdtemp(join(tmpdir(), "ganvas-levers-"));
  const logDir = join(scratch, "logs");
  await mkdir(logDir);
  const results: RunResult[] = [];
  try {
    // Seed-major: a partial study still has every lever at its first seeds.
    for (const seed of options.seeds) {
      for (const lever of levers) {
        const result = await trainOnce(lever, seed, options.epochs[0]!, join(scratch, "registry"), logDir);
        results.push(result);
        console.log(
          `${lever.name}, seed ${seed}: score ${result.score.toFixed(2)}, rarest class ${(result.rarestClassShare * 100).toFixed(1)}%, ` +
            `${result.steps} steps, ${(result.wallSeconds / 60).toFixed(1)} min`,
        );
        await writeJsonAtomically(options.out, { startedAt: new Date().toISOString(), results });
      }
    }
    console.log(`\n${summaryTable(results, levers)}\n\nsaved to ${options.out}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
