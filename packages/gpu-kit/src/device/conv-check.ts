import { CONV_CASES, CONV_OUTPUTS, convCaseOutputs, type ConvOutputs } from "@ganvas/core/test-support/conv-cases";
import { worstDifference } from "./backends";

export type ConvCaseResult = { name: string; passed: boolean } & Record<(typeof CONV_OUTPUTS)[number], number>;

/** f32 sums in another order: at most 6e-7 on SwiftShader; webgpu-node's tests allow 5e-5 for other GPUs. */
export const CONV_TOLERANCE = 5e-5;

/** core's conv cases on the active backend, for comparison with `convReference()`. */
export async function convReference(): Promise<Map<string, ConvOutputs>> {
  const reference = new Map<string, ConvOutputs>();
  for (const c of CONV_CASES) reference.set(c.name, await convCaseOutputs(c));
  return reference;
}

export async function compareConvCases(reference: Map<string, ConvOutputs>): Promise<ConvCaseResult[]> {
  const results: ConvCaseResult[] = [];
  for (const c of CONV_CASES) {
    const actual = await convCaseOutputs(c);
    const expected = reference.get(c.name)!;
    const worst = Object.fromEntries(
      CONV_OUTPUTS.map((key) => [key, worstDifference(actual[key], expected[key])]),
    ) as Record<(typeof CONV_OUTPUTS)[number], number>;
    results.push({ name: c.name, ...worst, passed: CONV_OUTPUTS.every((key) => worst[key] < CONV_TOLERANCE) });
  }
  return results;
}
