"use client";
// The /train page's side of the training worker: starts one worker per run, turns its messages into state,
// and batches redraws to one per animation frame. Nothing here computes; it only keeps what the worker sent.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ExportedGenerator, PageMessage, StartRequest, StepPoint, WorkerMessage } from "@/lib/training/protocol";
import type { TrainingBackend } from "@/lib/training/training-backend";

export type TrainingStatus = "idle" | "starting" | "running" | "paused" | "stopped" | "finished" | "failed";

export type TrainingView = {
  status: TrainingStatus;
  backend: TrainingBackend | null;
  totalSteps: number | null;
  batchSize: number | null;
  points: StepPoint[];
  trainingSeconds: number;
  stepsPerSecond: number | null;
  grid: { image: ImageData; step: number } | null;
  error: string | null;
};

const IDLE: TrainingView = {
  status: "idle",
  backend: null,
  totalSteps: null,
  batchSize: null,
  points: [],
  trainingSeconds: 0,
  stepsPerSecond: null,
  grid: null,
  error: null,
};

export type TrainingControls = {
  start(request: StartRequest): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** The generator as it is now, with the run's facts, last grid and losses. */
  exportGenerator(): Promise<ExportedGenerator>;
};

export function useTraining(): [TrainingView, TrainingControls] {
  const [view, setView] = useState<TrainingView>(IDLE);
  const workerRef = useRef<Worker | null>(null);
  const pointsRef = useRef<StepPoint[]>([]);
  const frameRef = useRef<number | null>(null);
  const exportRef = useRef<{ resolve(value: ExportedGenerator): void; reject(error: Error): void } | null>(null);

  const send = useCallback((message: PageMessage) => workerRef.current?.postMessage(message), []);

  const handle = useCallback((message: WorkerMessage) => {
    switch (message.type) {
      case "backend":
        setView((previous) => ({ ...previous, backend: message }));
        return;
      case "ready":
        setView((previous) => ({ ...previous, totalSteps: message.totalSteps, batchSize: message.batchSize }));
        return;
      case "steps":
        pointsRef.current = pointsRef.current.concat(message.points);
        setView((previous) => ({
          ...previous,
          trainingSeconds: message.trainingSeconds,
          stepsPerSecond: message.stepsPerSecond,
        }));
        // The chart redraws with the points once per frame at most.
        frameRef.current ??= requestAnimationFrame(() => {
          frameRef.current = null;
          setView((previous) => ({ ...previous, points: pointsRef.current }));
        });
        return;
      case "grid": {
        const image = new ImageData(new Uint8ClampedArray(message.rgba), message.width, message.height);
        setView((previous) => ({ ...previous, grid: { image, step: message.step } }));
        return;
      }
      case "state":
        setView((previous) => ({ ...previous, status: message.state, points: pointsRef.current }));
        return;
      case "exported":
        exportRef.current?.resolve(message.generator);
        exportRef.current = null;
        return;
      case "error":
        if (exportRef.current) {
          exportRef.current.reject(new Error(message.message));
          exportRef.current = null;
          return;
        }
        setView((previous) => ({ ...previous, status: "failed", error: message.message }));
        return;
    }
  }, []);

  const start = useCallback(
    (request: StartRequest) => {
      workerRef.current?.terminate();
      pointsRef.current = [];
      setView({ ...IDLE, status: "starting" });
      const worker = new Worker(new URL("./training-worker.ts", import.meta.url), { type: "module" });
      worker.onmessage = (event: MessageEvent<WorkerMessage>) => handle(event.data);
      worker.onerror = (event) =>
        setView((previous) => ({
          ...previous,
          status: "failed",
          error: `The training worker failed: ${event.message}`,
        }));
      workerRef.current = worker;
      worker.postMessage({ type: "start", request } satisfies PageMessage);
    },
    [handle],
  );

  const exportGenerator = useCallback(
    () =>
      new Promise<ExportedGenerator>((resolve, reject) => {
        if (!workerRef.current) return reject(new Error("Train a generator first."));
        exportRef.current = { resolve, reject };
        send({ type: "export" });
      }),
    [send],
  );

  useEffect(
    () => () => {
      workerRef.current?.terminate();
      if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
    },
    [],
  );

  return [
    view,
    {
      start,
      pause: () => send({ type: "pause" }),
      resume: () => send({ type: "resume" }),
      stop: () => send({ type: "stop" }),
      exportGenerator,
    },
  ];
}
