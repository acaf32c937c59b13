// The kit's own tool on the GPU machine (bundled into app/kit-tools.mjs): run.sh calls one command per stage.
// Each command writes its result as JSON ({"ok": false, "error"} when it fails) so that figures.json can say
// what happened at every stage, and exits explicitly: Dawn's device can keep a process alive.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { assembleFigures } from "./figures";
import { stepsThatFitTiming } from "./fit-steps";
import { gpuCheck } from "./gpu-check";
import { pytorchShapeArgs } from "@ganvas/bench/src/pytorch-args";
import { restoreDigits } from "./restore-digits";
import { summarize } from "./summary";
import { PRESETS, type PresetName } from "@ganvas/core";
import { webGpuStepTime } from "./step-time";

const USAGE = `kit-tools <command> [options]
  restore-digits --data <dir> --node-modules <dir> --out <file>
  gpu-check --out <file>
  step-time --preset tutorial|fast|tiny --warmup <n> --steps <n> --out <file>
  pytorch-args --preset tutorial|fast|tiny     (prints dcgan_step.py's model-shape arguments)
  figures --work <dir> --kit <dir> --out <file> [--file <name>]...
  fit-steps --timing <file> --seconds <n> --max <n>   (prints how many steps fit at the measured step time)
  summary --figures <file>                     (prints the figures in a few lines)`;

const log = (line: string) => process.stderr.write(`${line}\n`);

function preset(value: string | undefined): PresetName {
  if (value !== undefined && value in PRESETS) return value as PresetName;
  throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(", ")} (got ${String(value)})`);
}

function count(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number (got ${String(value)})`);
  return n;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new Error(`${flag} is required`);
  return value;
}

async function run(
  command: string | undefined,
  options: Record<string, string | string[] | undefined>,
): Promise<object | null> {
  const text = (name: string) => options[name] as string | undefined;
  switch (command) {
    case "restore-digits":
      return restoreDigits(required(text("data"), "--data"), required(text("node-modules"), "--node-modules"));
    case "gpu-check":
      return gpuCheck(log);
    case "step-time": {
      const timing = await webGpuStepTime(
        preset(text("preset")),
        count(text("warmup"), "--warmup"),
        count(text("steps"), "--steps"),
      );
      log(
        `webgpu ${timing.preset}: median ${timing.medianMs.toFixed(1)} ms per step, ${timing.imagesPerSecond.toFixed(0)} images/s (${timing.adapter})`,
      );
      return timing;
    }
    case "pytorch-args":
      process.stdout.write(`${(await pytorchShapeArgs(preset(text("preset")))).join(" ")}\n`);
      return null;
    case "figures": {
      const figures = assembleFigures(
        required(text("work"), "--work"),
        required(text("kit"), "--kit"),
        (options["file"] as string[] | undefined) ?? [],
      );
      writeFileSync(required(text("out"), "--out"), `${JSON.stringify(figures, null, 2)}\n`);
      return null;
    }
    case "fit-steps": {
      const steps = stepsThatFitTiming(
        required(text("timing"), "--timing"),
        count(text("seconds"), "--seconds"),
        count(text("max"), "--max"),
      );
      process.stdout.write(`${steps}\n`);
      return null;
    }
    case "summary":
      process.stdout.write(`${summarize(required(text("figures"), "--figures"))}\n`);
      return null;
    default:
      throw new Error(`unknown command ${String(command)}\n${USAGE}`);
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: "string" },
      data: { type: "string" },
      "node-modules": { type: "string" },
      preset: { type: "string" },
      warmup: { type: "string" },
      steps: { type: "string" },
      work: { type: "string" },
      kit: { type: "string" },
      file: { type: "string", multiple: true },
      figures: { type: "string" },
      timing: { type: "string" },
      seconds: { type: "string" },
      max: { type: "string" },
    },
  });
  const out = values.out;
  const write = (result: object) => {
    if (out) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  };
  try {
    const result = await run(positionals[0], values);
    if (result !== null) write({ ok: true, ...result });
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`kit-tools ${positionals[0] ?? ""}: ${message}`);
    write({ ok: false, error: message });
    return 1;
  }
}

// main() catches its own errors and returns the exit code.
process.exitCode = await main();
process.exit();
