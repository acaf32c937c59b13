import type { LayersModel } from "@tensorflow/tfjs-layers";

// Checks shared by training and inference: images come as one flat Float32Array of NHWC values, their shape
// from the model's input.

/** [height, width, channels] of the model's NHWC image input. */
export function imageShape(model: LayersModel): [number, number, number] {
  const [, height, width, channels] = model.inputs[0]!.shape;
  if (height == null || width == null || channels == null) {
    throw new TypeError(
      `Expected a model with an NHWC image input, got input shape ${JSON.stringify(model.inputs[0]!.shape)}`,
    );
  }
  return [height, width, channels];
}

/** How many whole images of `shape` the array holds; names `caller` when it holds none or a partial one. */
export function imageCount(images: Float32Array, shape: readonly number[], caller: string): number {
  const pixels = shape.reduce((a, b) => a * b);
  if (images.length === 0 || images.length % pixels !== 0) {
    throw new RangeError(
      `${caller}: ${images.length} values are not whole images of shape ${shape.join("x")} (${pixels} values each)`,
    );
  }
  return images.length / pixels;
}

export function checkBatchSize(batchSize: number, caller: string): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`${caller}: batchSize must be a positive integer, got ${batchSize}`);
  }
}
