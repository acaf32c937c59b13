import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createBatchSource, DatasetError, type Dataset } from "../../src/data";

const SIZE = 4;
const CHANNELS = 3;
const IMAGE_FLOATS = SIZE * SIZE * CHANNELS;

/** 50 images; every value of image n is n / 100, so a batch reveals which images it holds. */
function numberedDataset(count = 50): Dataset {
  const images = new Float32Array(count * IMAGE_FLOATS);
  for (let n = 0; n < count; n++) images.fill(n / 100, n * IMAGE_FLOATS, (n + 1) * IMAGE_FLOATS);
  return {
    name: "numbered",
    count,
    imageSize: SIZE,
    channels: CHANNELS,
    contentHash: "test",
    images,
    heldOut: { count: 0, images: new Float32Array(0) },
  };
}

/** Consumes an epoch the way the training loop does: read, then dispose each batch. */
function epochImageIds(batches: Iterable<tf.Tensor4D>): { ids: number[][]; shapes: number[][] } {
  const ids: number[][] = [];
  const shapes: number[][] = [];
  for (const batch of batches) {
    shapes.push(batch.shape);
    const values = batch.dataSync();
    const batchIds: number[] = [];
    for (let i = 0; i < batch.shape[0]; i++) {
      const image = values.subarray(i * IMAGE_FLOATS, (i + 1) * IMAGE_FLOATS);
      expect(new Set(image).size).toBe(1); // images are copied whole, never mixed
      batchIds.push(Math.round(image[0]! * 100));
    }
    ids.push(batchIds);
    batch.dispose();
  }
  return { ids, shapes };
}

beforeAll(async () => {
  await tf.setBackend("cpu");
  await tf.ready();
});

describe("createBatchSource", () => {
  const dataset = numberedDataset();

  it("yields full batches of distinct images with the right shape and drops the remainder", () => {
    const source = createBatchSource(dataset, { batchSize: 8, seed: 1, dropRemainder: true });
    expect(source.batchesPerEpoch).toBe(6);
    const { ids, shapes } = epochImageIds(source.epoch(0));
    expect(shapes).toEqual(new Array(6).fill([8, SIZE, SIZE, CHANNELS]));
    const seen = ids.flat();
    expect(new Set(seen).size).toBe(48);
    for (const id of seen) expect(id).toBeGreaterThanOrEqual(0);
    expect(seen).not.toEqual([...seen].sort((a, b) => a - b)); // shuffled
  });

  it("keeps the last, smaller batch when asked", () => {
    const source = createBatchSource(dataset, { batchSize: 8, seed: 1, dropRemainder: false });
    expect(source.batchesPerEpoch).toBe(7);
    const { ids, shapes } = epochImageIds(source.epoch(0));
    expect(shapes.at(-1)).toEqual([2, SIZE, SIZE, CHANNELS]);
    expect(ids.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
  });

  it("orders an epoch by (seed, epoch) alone", () => {
    const order = (seed: number, epoch: number) =>
      epochImageIds(createBatchSource(dataset, { batchSize: 10, seed, dropRemainder: true }).epoch(epoch)).ids;
    expect(order(7, 3)).toEqual(order(7, 3));
    const source = createBatchSource(dataset, { batchSize: 10, seed: 7, dropRemainder: true });
    expect(epochImageIds(source.epoch(3)).ids).toEqual(order(7, 3)); // replaying an epoch repeats it
    expect(order(7, 4)).not.toEqual(order(7, 3));
    expect(order(8, 3)).not.toEqual(order(7, 3));
    expect(order(2 ** 40 + 7, 3)).not.toEqual(order(7, 3));
  });

  it("leaves no tensors behind once the consumer disposes the batches", () => {
    const before = tf.memory().numTensors;
    const source = createBatchSource(dataset, { batchSize: 16, seed: 3, dropRemainder: true });
    for (let epoch = 0; epoch < 3; epoch++) {
      let live = 0;
      for (const batch of source.epoch(epoch)) {
        live = tf.memory().numTensors - before;
        batch.dispose();
      }
      expect(live).toBe(1); // made lazily: one batch exists at a time
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("hands each image's label out with it when labelled, in the same order as the images", () => {
    const labelled = { ...dataset, labels: Uint8Array.from({ length: dataset.count }, (_, n) => n % 7) };
    const source = createBatchSource(labelled, { batchSize: 10, seed: 7, labelled: true });
    const plain = epochImageIds(createBatchSource(labelled, { batchSize: 10, seed: 7 }).epoch(2)).ids;
    const ids: number[][] = [];
    for (const { images, labels } of source.epoch(2)) {
      const [batchIds] = epochImageIds([images]).ids;
      expect(Array.from(labels)).toEqual(batchIds!.map((n) => n % 7));
      ids.push(batchIds!);
    }
    expect(ids).toEqual(plain); // labels change nothing about the batches themselves
    expect(() => createBatchSource(dataset, { batchSize: 10, seed: 7, labelled: true })).toThrow(
      /numbered has no class labels/,
    );
  });

  it("refuses a data set smaller than one batch and bad options", () => {
    expect(() => createBatchSource(numberedDataset(5), { batchSize: 8, seed: 1, dropRemainder: true })).toThrow(
      /--batch-size 8 is more than the 5 training images of .*: use --batch-size 5 or less/,
    );
    expect(() => createBatchSource(dataset, { batchSize: 0, seed: 1 })).toThrow(DatasetError);
    expect(() => createBatchSource(dataset, { batchSize: 4, seed: 1.5 })).toThrow(DatasetError);
  });
});
