import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliWithin } from "../support/bounded-cli";
import { runCli } from "../support/cli-process";
import { expectUserError } from "../support/user-error";

let root: string;
let images: string;
let runs = 0;
/** A registry folder of its own for each run, so that one wrongly accepted case cannot fail the others. */
const freshRegistry = () => join(root, `registry-${++runs}`);
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ganvas-hostile-numbers-"));
  images = join(root, "three-images");
  await mkdir(images);
  for (const name of ["a", "b", "c"])
    await writeFile(join(images, `${name}.png`), PNG.sync.write(new PNG({ width: 8, height: 8 })));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const invalid = (flag: string, value: string, rule: string) =>
  new RegExp(`option '${flag} <\\w+>' argument '${value}' is invalid\\. ${rule}`);
const WHOLE = (range: string) => `Use a whole number from ${range}`;
const POWER_OF_TWO = /power of two from 8 to 1024/;

// Every case ends before any work that writes: the registry folder is never created. `--max-steps 1`
// keeps a run that is wrongly accepted short, so the test fails rather than trains for hours.
const cases: Array<[string, string[], RegExp]> = [
  ["train --epochs 1e9", ["train", "--epochs", "1e9"], invalid("--epochs", "1e9", WHOLE("1 to 100,000"))],
  ["train --epochs 0", ["train", "--epochs", "0"], invalid("--epochs", "0", WHOLE("1 to 100,000"))],
  [
    "train --batch-size 100000",
    ["train", "--batch-size", "100000"],
    invalid("--batch-size", "100000", WHOLE("1 to 4,096")),
  ],
  ["train --lr 5", ["train", "--lr", "5"], invalid("--lr", "5", "Use a number greater than 0 and less than 1")],
  ["train --ema 1", ["train", "--ema", "1"], invalid("--ema", "1", "Use 0 \\(off\\) or a decay below 1")],
  [
    "train --real-label 0.5",
    ["train", "--real-label", "0.5"],
    invalid("--real-label", "0.5", "Use a number above 0.5"),
  ],
  ["train --beta1 -0.1", ["train", "--beta1=-0.1"], invalid("--beta1", "-0.1", "Use a number from 0 to below 1")],
  ["train --width 0", ["train", "--width", "0"], invalid("--width", "0", WHOLE("1 to 1,024"))],
  ["train --image-size 2048", ["train", "--image-size", "2048"], POWER_OF_TWO],
  ["train --z-dim 0", ["train", "--z-dim", "0"], invalid("--z-dim", "0", WHOLE("1 to 1,024"))],
  [
    "train --z-dim 1000000000",
    ["train", "--z-dim", "1000000000"],
    invalid("--z-dim", "1000000000", WHOLE("1 to 1,024")),
  ],
  ["train --seed 1e300", ["train", "--seed", "1e300"], invalid("--seed", "1e300", WHOLE("0 to 9,007,199,254,740,991"))],
  [
    "train --max-steps 1e300",
    ["train", "--max-steps", "1e300"],
    invalid("--max-steps", "1e300", WHOLE("1 to 100,000,000")),
  ],
  [
    "train --image-size 256 (the data set would not fit in memory)",
    ["train", "--image-size", "256"],
    /mnist-embedded at 256x256 needs 2\.6 GB of memory \(10,000 images\), more than the limit of 2 GB: use --image-size 128 or smaller/,
  ],
  [
    "train --image-size 1024 (the data set would not fit in memory)",
    ["train", "--image-size", "1024"],
    /mnist-embedded at 1024x1024 needs 41\.9 GB of memory/,
  ],
  ["train-evaluator --image-size 4", ["train-evaluator", "--image-size", "4", "--epochs", "1"], POWER_OF_TWO],
  ["train-evaluator --image-size 2048", ["train-evaluator", "--image-size", "2048", "--epochs", "1"], POWER_OF_TWO],
  [
    "train-evaluator --batch-size 0",
    ["train-evaluator", "--batch-size", "0", "--epochs", "1"],
    invalid("--batch-size", "0", WHOLE("1 to 4,096")),
  ],
  ["train-evaluator --epochs 0", ["train-evaluator", "--epochs", "0"], invalid("--epochs", "0", WHOLE("1 to 100,000"))],
  [
    "train-evaluator --seed 1e300",
    ["train-evaluator", "--seed", "1e300", "--epochs", "1"],
    invalid("--seed", "1e300", WHOLE("0 to 9,007,199,254,740,991")),
  ],
  ["sample --count 0", ["sample", "any-model", "--count", "0"], invalid("--count", "0", WHOLE("1 to 1,024"))],
  ["sample --count 5000", ["sample", "any-model", "--count", "5000"], invalid("--count", "5000", WHOLE("1 to 1,024"))],
  [
    "sample --seed 1e300",
    ["sample", "any-model", "--seed", "1e300"],
    invalid("--seed", "1e300", WHOLE("0 to 9,007,199,254,740,991")),
  ],
];

describe("numeric flags out of range", () => {
  it.each(cases)("%s: a message with the range, no stack trace, nothing written", async (_, args, message) => {
    const registry = freshRegistry();
    const extra = args[0] === "train" ? ["--preset", "tiny", "--max-steps", "1"] : [];
    const result = await runCli([...args, ...extra, "--backend", "cpu", "--registry", registry]);
    expectUserError(result, message);
    expect(existsSync(registry)).toBe(false);
  });

  it("a batch larger than the data set is refused before the run folder is written", async () => {
    const registry = freshRegistry();
    const args = ["train", "--data", `folder:${images}`, "--preset", "tiny", "--batch-size", "4", "--max-steps", "1"];
    const result = await runCli([...args, "--backend", "cpu", "--registry", registry]);
    expectUserError(
      result,
      /--batch-size 4 is more than the 3 training images of folder:.*three-images: use --batch-size 3 or less/,
    );
    expect(existsSync(registry)).toBe(false);
  });

  it("networks too large to train are refused before any work (fast at 1024x1024: 230 million weights)", async () => {
    const registry = freshRegistry();
    const args = [
      "train",
      "--data",
      `folder:${images}`,
      "--preset",
      "fast",
      "--image-size",
      "1024",
      "--batch-size",
      "1",
      "--max-steps",
      "1",
    ];
    // Bounded: without the check this builds networks of gigabytes and trains them at a crawl.
    const result = await runCliWithin([...args, "--backend", "cpu", "--registry", registry], 30_000);
    expect(result.killed).toBe(false);
    expectUserError(
      result,
      /The fast preset at 1024x1024 makes networks of 230 million weights, more than the limit of 100 million: use --image-size 512 or smaller, or a narrower preset\./,
    );
    expect(result.stdout).not.toContain("data: loading");
    expect(existsSync(registry)).toBe(false);
  });

  it("--help states every range", async () => {
    // Commander wraps the help at the terminal's width.
    const help = async (command: string) => (await runCli([command, "--help"])).stdout.replace(/\s+/g, " ");
    const train = await help("train");
    for (const text of [
      "1 to 100,000",
      "1 to 4,096",
      "between 0 and 1",
      "power of two from 8 to 1024",
      "1 to 1,024",
      "0 to 2^53-1",
      "1 to 100,000,000",
      "at most 100 million weights",
    ]) {
      expect(train).toContain(text);
    }
    const evaluator = await help("train-evaluator");
    for (const text of ["1 to 100,000", "1 to 4,096", "power of two from 8 to 1024", "0 to 2^53-1"])
      expect(evaluator).toContain(text);
    const sample = await help("sample");
    for (const text of ["1 to 1,024", "0 to 2^53-1"]) expect(sample).toContain(text);
  });
});
