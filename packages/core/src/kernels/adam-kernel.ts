import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import { computeOnArrays } from "./typed-arrays";

/*
 * One Adam update of all of an optimizer's weights as a single kernel call. Composed from tfjs ops it is 13
 * kernel calls and as many passes per weight: 270 calls per fast-preset step for the two optimizers. A
 * kernel (JS here on cpu, WebAssembly SIMD in simd/ on wasm) rounds every operation to float32 in the
 * order of the composed form, so both give the same bits.
 */
export const ADAM_UPDATE = "GanvasAdamUpdate";

export type AdamUpdateAttrs = {
  /** How many weights; inputs are weight<i>, m<i>, v<i>, gradient<i> for each. */
  count: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** learningRate / (1 - beta1^t) */
  stepSize: number;
  /** sqrt(1 - beta2^t) */
  secondCorrectionRoot: number;
};

/** The kernel's inputs for one weight: its value, both moments and its gradient. */
export const adamInputNames = (i: number) => [`weight${i}`, `m${i}`, `v${i}`, `gradient${i}`] as const;

const f32 = Math.fround;

/** Outputs the new weight, m and v of each weight in turn: [weight0, m0, v0, weight1, ...]. */
export const adamUpdateInJs: KernelFunc = ({ inputs, backend, attrs }) => {
  const settings = attrs as unknown as AdamUpdateAttrs;
  const beta1 = f32(settings.beta1);
  const beta2 = f32(settings.beta2);
  const oneMinusBeta1 = f32(1 - settings.beta1);
  const oneMinusBeta2 = f32(1 - settings.beta2);
  const epsilon = f32(settings.epsilon);
  const stepSize = f32(settings.stepSize);
  const secondCorrectionRoot = f32(settings.secondCorrectionRoot);
  const named = inputs as Record<string, TensorInfo>;
  return Array.from({ length: settings.count }, (_, i) => {
    const [weight, m, v, gradient] = adamInputNames(i).map((name) => named[name]!);
    return computeOnArrays(
      backend as KernelBackend,
      [weight!, m!, v!, gradient!],
      [weight!.shape, weight!.shape, weight!.shape],
      ([w, m0, v0, g], [w1, m1, v1]) => {
        for (let j = 0; j < w!.length; j++) {
          const gj = g![j]!;
          const mj = f32(f32(m0![j]! * beta1) + f32(gj * oneMinusBeta1));
          const vj = f32(f32(v0![j]! * beta2) + f32(f32(gj * gj) * oneMinusBeta2));
          const denominator = f32(f32(f32(Math.sqrt(vj)) / secondCorrectionRoot) + epsilon);
          w1![j] = w![j]! - f32(f32(mj / denominator) * stepSize);
          m1![j] = mj;
          v1![j] = vj;
        }
      },
    );
  }).flat();
};

export const adamCpuKernel: KernelConfig = { kernelName: ADAM_UPDATE, backendName: "cpu", kernelFunc: adamUpdateInJs };
