import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** tsx's ESM loader, so the child runs TypeScript however the parent was started (tsx, Vitest, plain node). */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

type WorkerReply<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Runs one measurement in a fresh Node process: every backend gets a clean tfjs engine, and a native
 * binding (tfjs-node) never shares a process with the wasm one. The child answers over the IPC channel, so
 * its console output stays free-form progress for the user.
 */
export function runInChild<Request, Result>(workerModule: URL, request: Request, timeoutMs: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(workerModule), [JSON.stringify(request)], {
      execArgv: ["--import", TSX_LOADER],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let reply: WorkerReply<Result> | undefined;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`timed out after ${Math.round(timeoutMs / 1000)} s (raise --timeout-minutes for slow machines)`),
      );
    }, timeoutMs);
    child.on("message", (message) => {
      reply = message as WorkerReply<Result>;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (reply?.ok) resolve(reply.value);
      else if (reply) reject(new Error(reply.error));
      else reject(new Error(`worker exited without a result (code ${String(code)}, signal ${String(signal)})`));
    });
  });
}

/** The child's side: reads its request from argv, runs it, sends the result (or the error) and exits. */
export function serveChild<Request, Result>(measure: (request: Request) => Promise<Result>): void {
  const send = (reply: WorkerReply<Result>) => {
    if (!process.send) throw new Error("This worker runs only as a child of src/run-bench.ts (no IPC channel).");
    process.send(reply, () => process.exit(0));
  };
  const raw = process.argv[2];
  if (raw === undefined) throw new Error("worker started without a request argument");
  measure(JSON.parse(raw) as Request).then(
    (value) => send({ ok: true, value }),
    (error: unknown) => send({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
}
