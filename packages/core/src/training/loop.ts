import type * as tf from "@tensorflow/tfjs-core";
import type { DcganTrainer, StepResult } from "./trainer";

/** A batch of images with the class of each, for a conditional DCGAN. */
export interface LabelledBatch {
  images: tf.Tensor4D;
  labels: ArrayLike<number>;
}

/**
 * Where training batches come from: NHWC tensors in [-1, 1] (labelled for a conditional DCGAN); the loop
 * disposes each after its step.
 */
export interface BatchSource {
  batchesPerEpoch: number;
  epoch(epochIndex: number): Iterable<tf.Tensor4D | LabelledBatch>;
}

/** The part of AbortSignal the loop reads (kept structural: this package has no DOM or Node types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

export type StepEndEvent = { epoch: number; stepInEpoch: number; globalStep: number; result: StepResult };
export type EpochEndEvent = { epoch: number; globalStep: number };

export type TrainLoopOptions = {
  trainer: DcganTrainer;
  batches: BatchSource;
  /** Total epochs of the run; training covers epochs startEpoch .. epochs - 1. */
  epochs: number;
  /** First epoch to run, when resuming from a checkpoint. */
  startEpoch?: number;
  /**
   * Batches of `startEpoch` already trained, when resuming from a checkpoint taken mid-epoch: the loop draws
   * and disposes that many of the epoch's batches untrained, then trains from the next one. A source whose
   * epochs depend only on the epoch index thus gives exactly the batches an uninterrupted run would.
   * An integer 0 <= startStep < batchesPerEpoch; the first step is numbered startEpoch * batchesPerEpoch +
   * startStep + 1, and its event's stepInEpoch is startStep.
   */
  startStep?: number;
  /** Aborting lets the running step finish, then stops before the next one. */
  signal?: AbortSignalLike;
  onStepEnd?: (event: StepEndEvent) => void | Promise<void>;
  onEpochEnd?: (event: EpochEndEvent) => void | Promise<void>;
};

export type TrainLoopResult = {
  /** Steps completed counted from the start of epoch 0 (so a resumed run continues the count, startStep included). */
  globalStep: number;
  /** Epochs completed, counted from epoch 0. */
  epochsCompleted: number;
  aborted: boolean;
};

type TimerGlobal = { setTimeout?: (callback: () => void, ms: number) => unknown };

/** Lets pending events (a signal handler that aborts, a UI) run between training steps. */
function yieldToEventLoop(): Promise<void> {
  const { setTimeout } = globalThis as TimerGlobal;
  return new Promise((resolve) => (setTimeout ? setTimeout(resolve, 0) : resolve()));
}

export async function trainLoop(options: TrainLoopOptions): Promise<TrainLoopResult> {
  const { trainer, batches, epochs, startEpoch = 0, startStep = 0, signal, onStepEnd, onEpochEnd } = options;
  if (!Number.isInteger(epochs) || !Number.isInteger(startEpoch) || startEpoch < 0 || startEpoch > epochs) {
    throw new RangeError(
      `trainLoop needs integers 0 <= startEpoch <= epochs, got startEpoch ${startEpoch}, epochs ${epochs}.`,
    );
  }
  if (!Number.isInteger(startStep) || startStep < 0 || (startStep > 0 && startStep >= batches.batchesPerEpoch)) {
    throw new RangeError(
      `trainLoop needs an integer 0 <= startStep < batchesPerEpoch (${batches.batchesPerEpoch}), got startStep ${startStep}.`,
    );
  }
  let globalStep = startEpoch * batches.batchesPerEpoch + startStep;
  for (let epoch = startEpoch; epoch < epochs; epoch++) {
    if (signal?.aborted) return { globalStep, epochsCompleted: epoch, aborted: true };
    const skip = epoch === startEpoch ? startStep : 0;
    let stepInEpoch = 0;
    for (const batch of batches.epoch(epoch)) {
      const { images, labels } = "images" in batch ? batch : { images: batch, labels: undefined };
      if (stepInEpoch < skip) {
        // Trained before the checkpoint this run resumes from.
        images.dispose();
        stepInEpoch++;
        continue;
      }
      let result: StepResult;
      try {
        result = await trainer.step(images, labels);
      } finally {
        images.dispose();
      }
      globalStep++;
      await onStepEnd?.({ epoch, stepInEpoch, globalStep, result });
      stepInEpoch++;
      await yieldToEventLoop();
      // An abort during an epoch's last step still lets that epoch end (and its callback run).
      if (signal?.aborted && stepInEpoch < batches.batchesPerEpoch) {
        return { globalStep, epochsCompleted: epoch, aborted: true };
      }
    }
    await onEpochEnd?.({ epoch, globalStep });
  }
  return { globalStep, epochsCompleted: epochs, aborted: false };
}
