import type { KernelConfig } from "@tensorflow/tfjs-core";
import { kernelFunc, type TypedKernelFunc } from "../kernel-args";
import { ADAM_UPDATE, adamUpdateInputs, type AdamUpdateAttrs, type AdamWeightInputs } from "../kernel-names";
import { computeOnArrays } from "../typed-arrays";

const f32 = Math.fround;

/** Adam over every weight in JS loops, each operation rounded to float32 in the composed form's order. */
export const adamUpdateInJs: TypedKernelFunc<AdamWeightInputs[], AdamUpdateAttrs> = ({ inputs, backend, attrs }) => {
  const beta1 = f32(attrs.beta1);
  const beta2 = f32(attrs.beta2);
  const oneMinusBeta1 = f32(1 - attrs.beta1);
  const oneMinusBeta2 = f32(1 - attrs.beta2);
  const epsilon = f32(attrs.epsilon);
  const stepSize = f32(attrs.stepSize);
  const secondCorrectionRoot = f32(attrs.secondCorrectionRoot);
  return inputs.flatMap(({ weight, m, v, gradient }) =>
    computeOnArrays(
      backend,
      [weight, m, v, gradient],
      [weight.shape, weight.shape, weight.shape],
      ([w, m0, v0, g], [w1, m1, v1]) => {
        for (let j = 0; j < w.length; j++) {
          const gj = g[j]!;
          const mj = f32(f32(m0[j]! * beta1) + f32(gj * oneMinusBeta1));
          const vj = f32(f32(v0[j]! * beta2) + f32(f32(gj * gj) * oneMinusBeta2));
          const denominator = f32(f32(f32(Math.sqrt(vj)) / secondCorrectionRoot) + epsilon);
          w1[j] = w[j]! - f32(f32(mj / denominator) * stepSize);
          m1[j] = mj;
          v1[j] = vj;
        }
      },
    ),
  );
};

export const adamUpdateCpuConfig: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: "cpu",
  kernelFunc: kernelFunc(adamUpdateInputs, adamUpdateInJs),
};
