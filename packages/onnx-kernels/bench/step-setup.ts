import { parseArgs, type ParseArgsConfig } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import type { DcganConfig } from "@ganvas/core";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The options every step benchmark takes (a model shape and a batch), plus the script's own. */
const SHAPE_OPTIONS = {
  size: { type: "string", default: "32" },
  widths: { type: "string", default: "16" },
  batch: { type: "string", default: "64" },
} as const;

/** Parses the command line (`pnpm ... -- <flags>` may keep the separator), the model config and a seeded real batch in [-1, 1]. */
export function stepSetup<T extends Options>(own: T) {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: { ...SHAPE_OPTIONS, ...own },
  });
  const args = values as unknown as Record<keyof typeof SHAPE_OPTIONS, string> &
    Record<keyof T, string | boolean | undefined>;
  const widths = Number(args.widths);
  const config: DcganConfig = {
    imageSize: Number(args.size),
    channels: 1,
    zDim: 100,
    generatorWidth: widths,
    discriminatorWidth: widths,
  };
  const batch = Number(args.batch);
  const real = () =>
    tf.tidy(() =>
      tf.sub(tf.mul(tf.randomUniform([batch, config.imageSize, config.imageSize, 1], 0, 1, "float32", 7), 2), 1),
    ) as tf.Tensor4D;
  return { args, config, batch, real };
}
