#!/usr/bin/env node
// `pnpm start` runs this file as `node --import tsx src/cli.ts`, in one process: `tsx src/cli.ts` adds a parent
// that relays Ctrl-C and kills a child slower to exit than it likes, so no checkpoint would ever be written.
import { Command, Option } from "commander";
import { enableProdMode } from "@tensorflow/tfjs-core";
import { PRESETS } from "@ganvas/core";
import { AUTO_ORDER, BACKEND_CHOICES } from "./backend/select-backend";
import {
  registryAliasCommand,
  registryCopyCommand,
  registryGcCommand,
  registryListCommand,
  registryShowCommand,
} from "./commands/registry";
import { evaluateCommand } from "./commands/evaluate";
import { exportDataCommand, type ExportDataFlags } from "./commands/export-data";
import { scoreSamplesCommand, type ScoreSamplesFlags } from "./commands/score-samples";
import { sampleCommand } from "./commands/sample";
import { trainEvaluatorCommand, type TrainEvaluatorFlags } from "./commands/train-evaluator";
import { trainCommand, type TrainCommandFlags } from "./commands/train";
import { datasetSpecHelp } from "./data";
import {
  imageSize,
  learningRate,
  MAX_MINUTES,
  networkSizeHelp,
  numberIn,
  RANGES,
  rangeHelp,
  wholeNumber,
} from "./option-ranges";
import { defaultRegistry, userDataSpec, userPath, userRegistry } from "./paths";
import { reportFailure } from "./report-failure";

// Production mode skips tfjs's per-op debug checks and its console hints (we print our own backend advice).
enableProdMode();

const registryOption = () =>
  new Option(
    "--registry <location>",
    "model registry: a folder, or postgres://... with the bucket in GANVAS_S3 (env GANVAS_REGISTRY)",
  )
    .default(defaultRegistry())
    .argParser(userRegistry);
const backendOption = () =>
  new Option("--backend <name>", `tfjs backend; auto tries ${AUTO_ORDER.join(", ")} in that order`)
    .choices(BACKEND_CHOICES)
    .default("auto");

const program = new Command("ganvas")
  .description("Train DCGAN image generators and publish them to a versioned model registry.")
  .showHelpAfterError("(add --help for usage)")
  .exitOverride();

program
  .command("train", { isDefault: true })
  .description("train a DCGAN and publish the generator as the model's next version (the default command)")
  .option("--data <spec>", "training data set (see Data sets below)", userDataSpec, "mnist-embedded")
  .option("--data-dir <dir>", "read mnist / fashion-mnist IDX files from this folder instead of downloading", userPath)
  .option(
    "--cache-dir <dir>",
    "where downloaded data sets are kept (env GANVAS_CACHE; default ~/.cache/ganvas)",
    userPath,
  )
  .addOption(
    new Option("--preset <name>", "architecture and schedule").choices(["fast", "tutorial", "tiny"]).default("fast"),
  )
  .option(
    "--epochs <n>",
    `passes over the training set, ${rangeHelp(RANGES.epochs)} (default: the preset's)`,
    wholeNumber(RANGES.epochs),
  )
  .option(
    "--batch-size <n>",
    `images per step, ${rangeHelp(RANGES.batchSize)} and at most the training images (default: the preset's)`,
    wholeNumber(RANGES.batchSize),
  )
  .option(
    "--lr <rate>",
    "Adam learning rate for both networks, between 0 and 1 (default: the preset's; fast 4e-4, tutorial 2e-4)",
    learningRate,
  )
  .option(
    "--beta1 <b>",
    "Adam's beta1 for both networks (default: 0.5, the tutorial's)",
    numberIn({ min: 0, max: 1, minIncluded: true, hint: "Use a number from 0 to below 1 (the DCGAN default is 0.5)." }),
  )
  .option(
    "--ema <decay>",
    "publish an exponential moving average of G's weights with this decay, e.g. 0.999; 0 turns it off (default: the preset's)",
    numberIn({ min: 0, max: 1, minIncluded: true, hint: "Use 0 (off) or a decay below 1, such as 0.999." }),
  )
  .option(
    "--real-label <v>",
    "D's target on real images: 1, or e.g. 0.9 for one-sided label smoothing (default: 1)",
    numberIn({ min: 0.5, max: 1, maxIncluded: true, hint: "Use a number above 0.5 and at most 1, such as 0.9." }),
  )
  .option(
    "--width <n>",
    `feature width of both networks, the tutorial's features_g and features_d (default: the preset's; tutorial 64, fast ${PRESETS.fast.config.generatorWidth})`,
    wholeNumber(RANGES.width),
  )
  .option(
    "--image-size <px>",
    `square image size, a power of two from 8 to 1024 (default: the preset's); ${networkSizeHelp}`,
    imageSize,
  )
  .option("--z-dim <n>", `latent size, ${rangeHelp(RANGES.zDim)} (default: the preset's)`, wholeNumber(RANGES.zDim))
  .addOption(
    new Option("--channels <n>", "1 = grayscale, 3 = RGB (folder data sets)").choices(["1", "3"]).argParser(Number),
  )
  .option("--seed <n>", `seed for weights, noise and shuffling, ${rangeHelp(RANGES.seed)}`, wholeNumber(RANGES.seed), 1)
  .option(
    "--max-steps <n>",
    `stop after this many steps in all (smoke runs), ${rangeHelp(RANGES.maxSteps)}`,
    wholeNumber(RANGES.maxSteps),
  )
  .option(
    "--max-minutes <m>",
    `stop after this many minutes of training in all, e.g. 3 or 0.5 (the run still publishes, with its grid and score); above 0 and at most ${MAX_MINUTES.max.toLocaleString("en-US")}`,
    numberIn({
      min: 0,
      max: MAX_MINUTES.max,
      maxIncluded: true,
      hint: `Use a number of minutes above 0 and at most ${MAX_MINUTES.max.toLocaleString("en-US")} (a week), such as 3 or 0.5.`,
    }),
  )
  .option(
    "--conditional",
    "class-conditional: the generator draws the class you ask for (labelled data: mnist-embedded, fashion-mnist-embedded, mnist, fashion-mnist, or folder: with one sub-folder per class)",
  )
  .option("--name <model>", "registry model name (default: <data>-<preset>, -conditional appended with --conditional)")
  .addOption(registryOption())
  .addOption(backendOption())
  .option(
    "--runs <dir>",
    "where runs keep checkpoints, on this machine (env GANVAS_RUNS; default: <registry>/runs, or <repo>/runs for a database registry)",
    userPath,
  )
  .option("--resume <run>", "continue a stopped run: its folder, or its id under the runs folder")
  .addHelpText(
    "after",
    `\nData sets:\n${datasetSpecHelp}\n\nExamples:\n  pnpm --filter @ganvas/trainer start\n  pnpm --filter @ganvas/trainer start train --data fashion-mnist --preset tutorial\n  pnpm --filter @ganvas/trainer start train --data folder:./faces --channels 3 --image-size 64\n  pnpm --filter @ganvas/trainer start train --conditional\n`,
  )
  .action(async (flags: TrainCommandFlags, command: Command) => {
    const explicit = new Set(Object.keys(flags).filter((key) => command.getOptionValueSource(key) === "cli"));
    process.exitCode = await trainCommand(flags, explicit);
  });

const registry = program.command("registry").description("inspect the model registry");
registry
  .command("list")
  .description("list models, versions and aliases")
  .addOption(registryOption())
  .action(async (flags: { registry: string }) => registryListCommand(flags.registry));
registry
  .command("show")
  .description("print a version's manifest")
  .argument("<ref>", "model, model@version or model@alias")
  .addOption(registryOption())
  .action(async (ref: string, flags: { registry: string }) => registryShowCommand(flags.registry, ref));
registry
  .command("alias")
  .description("point an alias (best, prod, ...) at a version")
  .argument("<model>")
  .argument("<version>")
  .argument("<alias>")
  .addOption(registryOption())
  .action(async (model: string, version: string, alias: string, flags: { registry: string }) => {
    await registryAliasCommand(flags.registry, model, version, alias);
  });
registry
  .command("copy")
  .description("copy models with their versions and aliases to another registry, checking every file's sha256")
  .argument("[model]", "only this model")
  .requiredOption("--from <location>", "the registry to copy from: a folder or postgres://...", userRegistry)
  .requiredOption("--to <location>", "the registry to copy to: a folder or postgres://...", userRegistry)
  .action(async (model: string | undefined, flags: { from: string; to: string }) =>
    registryCopyCommand(flags.from, flags.to, model),
  );
registry
  .command("gc")
  .description("remove what publishes that died left behind (staging folders; blobs no version lists)")
  .addOption(registryOption())
  .action(async (flags: { registry: string }) => registryGcCommand(flags.registry));

program
  .command("sample")
  .description("write a PNG grid of samples from a published generator")
  .argument("<ref>", "model, model@version or model@alias")
  .option(
    "--seed <n>",
    `noise seed: the same seed gives the same images, ${rangeHelp(RANGES.seed)}`,
    wholeNumber(RANGES.seed),
    0,
  )
  .option("--count <n>", `number of images, ${rangeHelp(RANGES.count)}`, wholeNumber(RANGES.count), 64)
  .option(
    "--class <n>",
    "class-conditional models: draw this class (a label from 0; default: one row per class)",
    wholeNumber(RANGES.classLabel),
  )
  .addOption(
    new Option("--out <file>", "PNG file to write").default(userPath("samples.png"), "samples.png").argParser(userPath),
  )
  .addOption(registryOption())
  .addOption(backendOption())
  .action(sampleCommand);

program
  .command("train-evaluator")
  .description("train the classifier whose feature space scores generators (the quality score), and publish it")
  .option("--data <spec>", "labelled data set: mnist-embedded, mnist or fashion-mnist", "mnist-embedded")
  .option("--data-dir <dir>", "read IDX files from this folder instead of downloading", userPath)
  .option("--cache-dir <dir>", "where downloaded data sets are kept", userPath)
  .option(
    "--image-size <px>",
    "the image size of the generators it will score, a power of two from 8 to 1024",
    imageSize,
    32,
  )
  .addOption(new Option("--channels <n>", "1 = grayscale, 3 = RGB").choices(["1", "3"]).argParser(Number).default(1))
  .option("--epochs <n>", `passes over the training set, ${rangeHelp(RANGES.epochs)}`, wholeNumber(RANGES.epochs), 10)
  .option("--batch-size <n>", `images per step, ${rangeHelp(RANGES.batchSize)}`, wholeNumber(RANGES.batchSize), 64)
  .option("--seed <n>", `seed for weights and shuffling, ${rangeHelp(RANGES.seed)}`, wholeNumber(RANGES.seed), 1)
  .addOption(registryOption())
  .addOption(backendOption())
  .addOption(new Option("--ship", "also write it into apps/trainer/evaluators, where fresh clones find it").hideHelp())
  .action(async (flags: TrainEvaluatorFlags) => {
    await trainEvaluatorCommand(flags);
  });

program
  .command("evaluate")
  .description("compute the quality score of a published version and record it in its manifest")
  .argument("<ref>", "model, model@version or model@alias")
  .option("--all", "score every version of the model")
  .option("--data-dir <dir>", "read IDX files from this folder instead of downloading", userPath)
  .option("--cache-dir <dir>", "where downloaded data sets are kept", userPath)
  .addOption(registryOption())
  .addOption(backendOption())
  .action(evaluateCommand);

// Maintenance commands for the benchmark (packages/bench, `pnpm bench -- --quality`), left out of --help: they
// hand the training images to another framework and score what it generates, on the same terms as a version.
program
  .command("export-data", { hidden: true })
  .description(
    "write the training images, exactly as train feeds them, to an image file (see src/images/image-file.ts)",
  )
  .option("--data <spec>", "training data set", userDataSpec, "mnist-embedded")
  .option("--data-dir <dir>", "read IDX files from this folder instead of downloading", userPath)
  .option("--cache-dir <dir>", "where downloaded data sets are kept", userPath)
  .option("--image-size <px>", "square image size, a power of two from 8 to 1024", imageSize, 32)
  .addOption(new Option("--channels <n>", "1 = grayscale, 3 = RGB").choices(["1", "3"]).argParser(Number).default(1))
  .requiredOption("--out <file>", "the image file to write", userPath)
  .action(async (flags: ExportDataFlags) => exportDataCommand(flags));

program
  .command("score-samples", { hidden: true })
  .description("score an image file of generated images as versions are scored; prints JSON")
  .option("--data <spec>", "the data set they imitate", userDataSpec, "mnist-embedded")
  .option("--data-dir <dir>", "read IDX files from this folder instead of downloading", userPath)
  .option("--cache-dir <dir>", "where downloaded data sets are kept", userPath)
  .requiredOption("--samples <file>", "image file of generated images, at least as many as held-out images", userPath)
  .addOption(registryOption())
  .addOption(backendOption())
  .action(async (flags: ScoreSamplesFlags) => scoreSamplesCommand(flags));

// pnpm hands on everything after the script name, so `pnpm start -- --help` (the npm habit) arrives with the
// `--` first: there it separates nothing from the CLI's own arguments.
const args = process.argv.slice(2);
program.parseAsync(args[0] === "--" ? args.slice(1) : args, { from: "user" }).catch(reportFailure);
