import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const fixture = fileURLToPath(new URL("../fixtures/publish-child.ts", import.meta.url));

export type ChildEvent = { event: string } & Record<string, unknown>;

export type PublishChild = {
  process: ChildProcess;
  /** Resolves with the first reported event of that kind; rejects if the child exits first. */
  next(event: string): Promise<ChildEvent>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
};

/** Starts test/fixtures/publish-child.ts under tsx with the given environment. */
export function startPublishChild(env: Record<string, string>): PublishChild {
  const child = spawn(process.execPath, ["--import", "tsx", fixture], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const events: ChildEvent[] = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    events.push(JSON.parse(line) as ChildEvent);
    waiters.splice(0).forEach((wake) => wake());
  });
  let closed = false;
  // 'close' rather than 'exit': it comes after stdout is drained, so no event line is lost.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on("close", (code, signal) => {
      closed = true;
      resolve({ code, signal, stderr });
      waiters.splice(0).forEach((wake) => wake());
    });
  });

  async function next(kind: string): Promise<ChildEvent> {
    for (;;) {
      const found = events.find((event) => event.event === kind);
      if (found !== undefined) return found;
      if (closed) {
        const { code, signal } = await exited;
        throw new Error(`Child exited (code ${code}, signal ${signal}) before reporting "${kind}":\n${stderr}`);
      }
      await new Promise<void>((wake) => waiters.push(wake));
    }
  }
  return { process: child, next, exited };
}
