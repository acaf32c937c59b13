import * as tf from "@tensorflow/tfjs-core";

/**
 * Conv shapes that exercise every geometry the conv kernels handle: strides 1/2/3 and unequal, valid / same /
 * explicit padding, odd sizes with remainders, batch > 1. Shared by the kernel tests of core and onnx-kernels.
 */
export type ConvPadding = "valid" | "same" | [[0, 0], [number, number], [number, number], [0, 0]];

export type ConvCase = {
  name: string;
  x: [number, number, number, number]; // N, H, W, Cin
  kernel: [number, number];
  outChannels: number;
  strides: [number, number];
  pad: ConvPadding;
};

export const CONV_CASES: ConvCase[] = [
  { name: "stride 1, same, 3x3", x: [2, 5, 5, 3], kernel: [3, 3], outChannels: 4, strides: [1, 1], pad: "same" },
  {
    name: "stride 1, valid, odd sizes",
    x: [3, 7, 6, 2],
    kernel: [3, 2],
    outChannels: 5,
    strides: [1, 1],
    pad: "valid",
  },
  {
    name: "stride 2, same, 4x4 (DCGAN)",
    x: [2, 8, 8, 3],
    kernel: [4, 4],
    outChannels: 6,
    strides: [2, 2],
    pad: "same",
  },
  { name: "stride 2, same, odd input", x: [2, 9, 7, 2], kernel: [4, 4], outChannels: 3, strides: [2, 2], pad: "same" },
  {
    name: "stride 2, valid with remainder",
    x: [2, 10, 9, 2],
    kernel: [3, 3],
    outChannels: 3,
    strides: [2, 2],
    pad: "valid",
  },
  {
    name: "stride 2, explicit pads",
    x: [2, 8, 7, 3],
    kernel: [4, 3],
    outChannels: 2,
    strides: [2, 2],
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
  {
    name: "stride 3, kernel 5 (uneven phases)",
    x: [2, 11, 10, 2],
    kernel: [5, 5],
    outChannels: 3,
    strides: [3, 3],
    pad: "same",
  },
  { name: "unequal strides (2, 1)", x: [3, 9, 6, 2], kernel: [3, 4], outChannels: 4, strides: [2, 1], pad: "same" },
  {
    name: "1x1 to 4x4 valid (DCGAN's first layer)",
    x: [3, 4, 4, 5],
    kernel: [4, 4],
    outChannels: 6,
    strides: [1, 1],
    pad: "valid",
  },
];

/** What a conv backend must get right for training: the forward conv, both gradients and a transposed conv. */
export const CONV_OUTPUTS = ["forward", "inputGradient", "filterGradient", "transposed"] as const;
export type ConvOutputs = Record<(typeof CONV_OUTPUTS)[number], Float32Array>;

/**
 * A case's outputs on the active backend, from seeded inputs (gradients through tf.grads, as training takes
 * them), read with data() so that GPU backends can answer too.
 */
export async function convCaseOutputs(c: ConvCase): Promise<ConvOutputs> {
  const random = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, "float32", seed);
  const tensors = tf.tidy(() => {
    const x = random(c.x, 1) as tf.Tensor4D;
    const w = random([...c.kernel, c.x[3], c.outChannels], 2) as tf.Tensor4D;
    const forward = tf.conv2d(x, w, c.strides, c.pad);
    const dy = random(forward.shape, 3) as tf.Tensor4D;
    const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
    const [dx, dw] = tf.grads(conv)([x, w], dy);
    return [forward, dx!, dw!, tf.conv2dTranspose(dy, w, c.x, c.strides, c.pad)];
  });
  const [forward, inputGradient, filterGradient, transposed] = (await Promise.all(
    tensors.map((t) => t.data()),
  )) as Float32Array[];
  tf.dispose(tensors);
  return { forward: forward!, inputGradient: inputGradient!, filterGradient: filterGradient!, transposed: transposed! };
}
