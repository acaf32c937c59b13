import type * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { realBatch, trainerFactory, weightValues } from "../test-support/tiny";
import { trainLoop, type BatchSource } from "./loop";

const trainer = trainerFactory();

/** A source that remembers every batch it handed out. */
function source(batchesPerEpoch: number, handedOut: tf.Tensor4D[] = []): BatchSource {
  return {
    batchesPerEpoch,
    *epoch(epochIndex) {
      for (let i = 0; i < batchesPerEpoch; i++) {
        const batch = realBatch(2, epochIndex * 100 + i);
        handedOut.push(batch);
        yield batch;
      }
    },
  };
}

describe("trainLoop", () => {
  it("runs every batch of every epoch, numbering steps, and disposes the batches", async () => {
    const handedOut: tf.Tensor4D[] = [];
    const events: string[] = [];
    const result = await trainLoop({
      trainer: trainer(),
      batches: source(2, handedOut),
      epochs: 2,
      onStepEnd: ({ epoch, stepInEpoch, globalStep, result: step }) => {
        expect(Number.isFinite(step.dLoss)).toBe(true);
        events.push(`step ${epoch}.${stepInEpoch} #${globalStep}`);
      },
      onEpochEnd: ({ epoch, globalStep }) => void events.push(`epoch ${epoch} #${globalStep}`),
    });
    expect(events).toEqual(["step 0.0 #1", "step 0.1 #2", "epoch 0 #2", "step 1.0 #3", "step 1.1 #4", "epoch 1 #4"]);
    expect(result).toEqual({ globalStep: 4, epochsCompleted: 2, aborted: false });
    expect(handedOut.every((batch) => batch.isDisposed)).toBe(true);
  });

  it("awaits async callbacks before the next step", async () => {
    const events: string[] = [];
    await trainLoop({
      trainer: trainer(),
      batches: source(2),
      epochs: 1,
      onStepEnd: async ({ globalStep }) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`saved ${globalStep}`);
      },
      onEpochEnd: () => void events.push("epoch end"),
    });
    expect(events).toEqual(["saved 1", "saved 2", "epoch end"]);
  });

  it("resumes at startEpoch, continuing the global step count", async () => {
    const epochsSeen: number[] = [];
    const result = await trainLoop({
      trainer: trainer(),
      batches: source(3),
      epochs: 3,
      startEpoch: 2,
      onStepEnd: ({ epoch, globalStep }) => void epochsSeen.push(epoch * 10 + globalStep),
    });
    expect(epochsSeen).toEqual([27, 28, 29]);
    expect(result).toEqual({ globalStep: 9, epochsCompleted: 3, aborted: false });
  });

  it("on abort finishes the running step, then stops without taking another batch", async () => {
    const controller = new AbortController();
    const handedOut: tf.Tensor4D[] = [];
    const steps: number[] = [];
    const result = await trainLoop({
      trainer: trainer(),
      batches: source(4, handedOut),
      epochs: 2,
      signal: controller.signal,
      onStepEnd: ({ globalStep }) => {
        steps.push(globalStep);
        if (globalStep === 2) controller.abort();
      },
      onEpochEnd: () => {
        throw new Error("no epoch ended");
      },
    });
    expect(steps).toEqual([1, 2]);
    expect(handedOut).toHaveLength(2);
    expect(handedOut.every((batch) => batch.isDisposed)).toBe(true);
    expect(result).toEqual({ globalStep: 2, epochsCompleted: 0, aborted: true });
  });

  it("an abort during an epoch's last step still ends that epoch", async () => {
    const controller = new AbortController();
    const epochsEnded: number[] = [];
    const result = await trainLoop({
      trainer: trainer(),
      batches: source(2),
      epochs: 3,
      signal: controller.signal,
      onStepEnd: ({ globalStep }) => {
        if (globalStep === 2) controller.abort();
      },
      onEpochEnd: ({ epoch }) => void epochsEnded.push(epoch),
    });
    expect(epochsEnded).toEqual([0]);
    expect(result).toEqual({ globalStep: 2, epochsCompleted: 1, aborted: true });
  });

  it("rejects an impossible epoch range", async () => {
    await expect(trainLoop({ trainer: trainer(), batches: source(1), epochs: 2, startEpoch: 3 })).rejects.toThrow(
      /0 <= startEpoch <= epochs/,
    );
  });

  it("is deterministic: two runs with the same seed end with identical weights", async () => {
    const run = async () => {
      const t = trainer(21);
      await trainLoop({ trainer: t, batches: source(2), epochs: 2 });
      return [weightValues(t.generator), weightValues(t.discriminator)];
    };
    expect(await run()).toEqual(await run());
  });
});
