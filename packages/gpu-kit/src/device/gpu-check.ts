import type { AdapterDescription } from "@ganvas/webgpu-node";
import { useCpu, useWebGpu } from "./backends";
import { compareConvCases, convReference, CONV_TOLERANCE, type ConvCaseResult } from "./conv-check";
import { compareLosses, tinyStepLosses, type TrainingCheck } from "./training-check";

export type GpuCheck = {
  adapter: AdapterDescription;
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  conv: { tolerance: number; cases: ConvCaseResult[]; passed: boolean };
  training: TrainingCheck;
  passed: boolean;
};

/**
 * Says which adapter Dawn found, then checks webgpu against the cpu backend: core's conv cases (forward, both
 * gradients, transposed) and a few steps of the tiny DCGAN. The cpu side runs first, then the GPU side.
 */
export async function gpuCheck(log: (line: string) => void): Promise<GpuCheck> {
  await useCpu();
  const reference = await convReference();
  const cpuLosses = await tinyStepLosses();
  const started = await useWebGpu();
  log(`adapter: ${started.adapter.summary}${started.adapter.software ? " (software)" : ""}`);
  log(
    `limits: maxBufferSize ${started.limits.maxBufferSize}, maxStorageBufferBindingSize ${started.limits.maxStorageBufferBindingSize}`,
  );
  const cases = await compareConvCases(reference);
  for (const c of cases) {
    log(
      `conv ${c.passed ? "ok  " : "FAIL"} ${c.name}: forward ${c.forward.toExponential(1)}, dx ${c.inputGradient.toExponential(1)}, dw ${c.filterGradient.toExponential(1)}, transposed ${c.transposed.toExponential(1)}`,
    );
  }
  const training = compareLosses(cpuLosses, await tinyStepLosses());
  log(
    `training ${training.passed ? "ok" : "FAIL"}: ${training.steps} tiny DCGAN steps, worst loss difference from cpu ${training.worstLossDifference.toExponential(1)}`,
  );
  const conv = { tolerance: CONV_TOLERANCE, cases, passed: cases.every((c) => c.passed) };
  return { adapter: started.adapter, limits: started.limits, conv, training, passed: conv.passed && training.passed };
}
