import * as tfc from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import { createRng, fillNormal, type Rng } from "../latent/rng";

const WEIGHT_STDDEV = 0.02;

/** What a weight starts as, by the last part of its name (e.g. "g_bn_8/gamma"). */
function initialValues(weightName: string, size: number, rng: Rng): Float32Array | null {
  const kind = weightName.slice(weightName.lastIndexOf("/") + 1);
  switch (kind) {
    case "kernel":
      return fillNormal(rng, size, 0, WEIGHT_STDDEV);
    case "gamma":
      // The DCGAN paper's N(1, 0.02). The PyTorch tutorial draws gamma from N(0, 0.02) (its init loop treats
      // BatchNorm like a conv), a known slip that starts every BN layer near zero output and trains slower.
      return fillNormal(rng, size, 1, WEIGHT_STDDEV);
    case "bias":
    case "beta":
      return new Float32Array(size);
    default:
      return null; // moving mean and variance keep their 0 and 1
  }
}

/**
 * DCGAN initialisation, drawn from the pure-JS RNG layer by layer in model order, so the same seed gives
 * bit-identical weights on every backend and platform.
 */
export function initializeDcganWeights(model: LayersModel, seed: number): void {
  const rng = createRng(seed);
  for (const weight of model.weights) {
    const values = initialValues(
      weight.originalName,
      weight.shape.reduce<number>((a, b) => a * (b ?? 1), 1),
      rng,
    );
    if (values === null) continue;
    const tensor = tfc.tensor(values, weight.shape as number[], "float32");
    weight.write(tensor);
    tensor.dispose();
  }
}
