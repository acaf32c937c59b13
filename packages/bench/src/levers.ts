// `pnpm --filter @ganvas/bench levers`: the quality levers of a DCGAN, each on its own and over several seeds.
// Every run is a real `train` of the trainer CLI into a scratch registry; its score comes from the evaluator
// that ships with the trainer (the same file for every run), so the rows compare directly.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { markdownTable } from "markdown-table";
import { Registry } from "@ganvas/registry";
import { median } from "./median";
import { repoRoot } from "./repo-root";
import { writeJsonAtomically } from "./results-file";

/** One lever: the flags that change it from the old default (the fast preset, 15 epochs). */
interface Lever {
  name: string;
  flags: string[];
}

export const LEVERS: Lever[] = [
  { name: "old default (fast, 15 epochs)", flags: [] },
  { name: "EMA of G, decay 0.999", flags: ["--ema", "0.999"] },
  { name: "label smoothing, real 0.9", flags: ["--real-label", "0.9"] },
  { name: "Adam beta1 0.8", flags: ["--beta1", "0.8"] },
  { name: "learning rate 4e-4", flags: ["--lr", "4e-4"] },
  { name: "widths 24", flags: ["--width", "24"] },
  { name: "batch 32 (twice the steps)", flags: ["--batch-size", "32"] },
  { name: "25 epochs", flags: ["--epochs", "25"] },
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

async function trainOnce(lever: Lever, seed: number, registryDir: string, logDir: string): Promise<RunResult> {
  const name = `lever-${seed}-${LEVERS.indexOf(lever)}`;
  const args = ["--import", "tsx", "src/cli.ts", "train", "--registry", registryDir, "--name", name];
  args.push("--seed", String(seed), "--backend", "onnxruntime", ...lever.flags);
  const log = createWriteStream(join(logDir, `${name}.log`));
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: join(repoRoot(), "apps", "trainer"), stdio: "pipe" });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on("error", reject);
    child.on("close", resolve);
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${lever.name}, seed ${seed}: train exited with ${code}; see ${logDir}/${name}.log`);
  const { manifest } = await new Registry(registryDir).resolve(name);
  const quality = manifest.metrics.quality;
  if (!quality) throw new Error(`${lever.name}, seed ${seed}: no score (is the shipped evaluator there?)`);
  const total = quality.classHistogram.reduce((a, b) => a + b, 0);
  return {
    lever: lever.name,
    seed,
    score: quality.value,
    realDataFloor: quality.realDataFloor ?? null,
    rarestClassShare: Math.min(...quality.classHistogram) / total,
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
      lever.flags.join(" ") || "(none)",
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
    .option("--levers <list>", "lever numbers, comma-separated (default: all)", leverList, LEVERS)
    .option("--extra <flags>", 'train flags added to every run, e.g. "--max-steps 500"', "")
    .option("--out <file>", "where the runs' figures are saved", join(repoRoot(), "bench", "results", "levers.json"))
    .parse();
  const options = program.opts<{ seeds: number[]; levers: Lever[]; extra: string; out: string }>();
  const extra = options.extra.split(" ").filter(Boolean);
  const levers = options.levers.map((lever) => ({ ...lever, flags: [...lever.flags, ...extra] }));
  const scratch = await mkdtemp(join(tmpdir(), "ganvas-levers-"));
  const logDir = join(scratch, "logs");
  await mkdir(logDir);
  const results: RunResult[] = [];
  try {
    // Seed-major: a partial study still has every lever at its first seeds.
    for (const seed of options.seeds) {
      for (const lever of levers) {
        const result = await trainOnce(lever, seed, join(scratch, "registry"), logDir);
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
