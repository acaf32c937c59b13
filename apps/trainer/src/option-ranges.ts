// The accepted range of every numeric flag, in one place: commander's parsers reject a value outside it
// before any work starts, `--help` states it, and options rebuilt from elsewhere are checked against it.
import { InvalidArgumentError } from "commander";
import { ConfigError, MAX_CLASSES, PRESETS, validateConfig } from "@ganvas/core";
import { UserError } from "./errors";
import { largestImageSize, MAX_WEIGHTS } from "./training/network-size";

export interface WholeRange {
  min: number;
  max: number;
  /** How --help writes the range, where the digits would be unreadable. */
  label?: string;
}

export const RANGES = {
  epochs: { min: 1, max: 100_000 },
  batchSize: { min: 1, max: 4_096 },
  zDim: { min: 1, max: 1_024 },
  width: { min: 1, max: 1_024 },
  maxSteps: { min: 1, max: 100_000_000 },
  seed: { min: 0, max: Number.MAX_SAFE_INTEGER, label: "0 to 2^53-1" },
  count: { min: 1, max: 1_024 },
  classLabel: { min: 0, max: MAX_CLASSES - 1 },
} satisfies Record<string, WholeRange>;

/** --max-minutes: any time above zero, up to a week. */
export const MAX_MINUTES = { max: 10_080 };

const digits = (n: number) => n.toLocaleString("en-US");

/** "1 to 4,096", for --help. */
export function rangeHelp(range: WholeRange): string {
  return range.label ?? `${digits(range.min)} to ${digits(range.max)}`;
}

/** What is wrong with `value`, or undefined when it is in the range. */
function wholeNumberProblem(value: number, range: WholeRange): string | undefined {
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return undefined;
  return `Use a whole number from ${digits(range.min)} to ${digits(range.max)}.`;
}

const learningRateProblem = (rate: number) =>
  rate > 0 && rate < 1 ? undefined : "Use a number greater than 0 and less than 1 (the DCGAN default is 2e-4).";

/** A flag's text as a number; "" and "  " are not 0. */
const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** Commander parser for a whole-number flag. */
export function wholeNumber(range: WholeRange): (text: string) => number {
  return (text) => {
    const value = toNumber(text);
    const problem = wholeNumberProblem(value, range);
    if (problem) throw new InvalidArgumentError(problem);
    return value;
  };
}

export function learningRate(text: string): number {
  const value = toNumber(text);
  const problem = learningRateProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

/** Commander parser for a number flag that must lie in (min, max) or [min, max), with what to do said. */
export function numberIn(range: {
  min: number;
  max: number;
  minIncluded?: boolean;
  maxIncluded?: boolean;
  hint: string;
}) {
  return (text: string): number => {
    const value = toNumber(text);
    const aboveMin = range.minIncluded ? value >= range.min : value > range.min;
    const belowMax = range.maxIncluded ? value <= range.max : value < range.max;
    if (!(aboveMin && belowMax)) throw new InvalidArgumentError(range.hint);
    return value;
  };
}

/** Commander parser for --image-size: the sizes core can build a DCGAN for. */
export function imageSize(text: string): number {
  const value = toNumber(text);
  try {
    validateConfig({ ...PRESETS.tiny.config, imageSize: value });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // core's own rule and words: "imageSize must be a power of two from 8 to 1024 (...), got 2048."
    throw new InvalidArgumentError(error.message.replace(/^Invalid DCGAN config: /, ""));
  }
  return value;
}

/** "networks of at most 100 million weights: tutorial up to 128, fast up to 512, tiny up to 1024", for --help. */
export const networkSizeHelp = `networks of at most ${MAX_WEIGHTS / 1e6} million weights: ${Object.entries(PRESETS)
  .map(([name, preset]) => `${name} up to ${largestImageSize({ ...preset.config, imageSize: 1024 })}`)
  .join(", ")}`;

/** For values that did not come through a parser (presets, saved runs): the same ranges, as a UserError. */
export function assertWholeNumber(flag: string, value: number, range: WholeRange): void {
  const problem = wholeNumberProblem(value, range);
  if (problem) throw new UserError(`${flag} ${String(value)} is out of range. ${problem}`);
}

export function assertLearningRate(value: number): void {
  const problem = learningRateProblem(value);
  if (problem) throw new UserError(`--lr ${String(value)} is out of range. ${problem}`);
}
