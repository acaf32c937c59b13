import type * as tf from "@tensorflow/tfjs-core";
import type { BatchSource } from "@ganvas/core";

/**
 * Wraps a batch source so that a resumed run skips the batches its first epoch already trained on. The
 * per-epoch shuffle depends only on (seed, epoch), so skipping reproduces exactly the batches that follow.
 */
export function resumableBatches(source: BatchSource, startEpoch: number, skip: number): BatchSource {
  if (skip === 0) return source;
  return {
    batchesPerEpoch: source.batchesPerEpoch,
    *epoch(epochIndex: number): Iterable<tf.Tensor4D> {
      let index = 0;
      for (const batch of source.epoch(epochIndex)) {
        if (epochIndex === startEpoch && index++ < skip) {
          batch.dispose();
          continue;
        }
        yield batch;
      }
    },
  };
}
