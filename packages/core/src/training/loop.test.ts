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

  it("resumes mid-epoch at startStep: skips (and disposes) the batches already trained, numbering on", async () => {
    const handedOut: tf.Tensor4D[] = [];
    const events: string[] = [];
    const result = await trainLoop({
      trainer: trainer(),
      batches: source(3, handedOut),
      epochs: 3,
      startEpoch: 1,
      startStep: 2,
      onStepEnd: ({ epoch, stepInEpoch, globalStep }) =>
        void events.push(`step ${epoch}.${stepInEpoch} #${globalStep}`),
      onEpochEnd: ({ epoch, globalStep }) => void events.push(`epoch ${epoch} #${globalStep}`),
    });
    expect(events).toEqual(["step 1.2 #6", "epoch 1 #6", "step 2.0 #7", "step 2.1 #8", "step 2.2 #9", "epoch 2 #9"]);
    expect(result).toEqual({ globalStep: 9, epochsCompleted: 3, aborted: false });
    expect(handedOut).toHaveLength(6);
    expect(handedOut.every((batch) => batch.isDisposed)).toBe(true);
  });

  it("a run stopped mid-epoch and resumed at startStep trains on the same batches with the same losses", async () => {
    const losses =
      (into: number[][]) =>
      ({ result: step }: { result: { dLoss: number; gLoss: number } }) =>
        void into.push([step.dLoss, step.gLoss]);
    const whole: number[][] = [];
    const uninterrupted = trainer(21);
    await trainLoop({ trainer: uninterrupted, batches: source(3), epochs: 2, onStepEnd: losses(whole) });

    const pieces: number[][] = [];
    const resumed = trainer(21);
    const controller = new AbortController();
    const stopped = await trainLoop({
      trainer: resumed,
      batches: source(3),
      epochs: 2,
      signal: controller.signal,
      onStepEnd: (event) => {
        losses(pieces)(event);
        if (event.globalStep === 4) controller.abort();
      },
    });
    expect(stopped).toEqual({ globalStep: 4, epochsCompleted: 1, aborted: true });
    const rest = await trainLoop({
      trainer: resumed,
      batches: source(3),
      epochs: 2,
      startEpoch: 1,
      startStep: 1,
      onStepEnd: losses(pieces),
    });
    expect(rest).toEqual({ globalStep: 6, epochsCompleted: 2, aborted: false });

    expect(whole).toHaveLength(6);
    expect(pieces).toEqual(whole);
    expect(weightValues(resumed.generator)).toEqual(weightValues(uninterrupted.generator));
    expect(weightValues(resumed.discriminator)).toEqual(weightValues(uninterrupted.discriminator));
  });

  it("rejects a startStep outside the epoch", async () => {
    for (const startStep of [2, -1, 0.5]) {
      await expect(trainLoop({ trainer: trainer(), batches: source(2), epochs: 2, startStep })).rejects.toThrow(
        /0 <= startStep < batchesPerEpoch \(2\)/,
      );
    }
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
