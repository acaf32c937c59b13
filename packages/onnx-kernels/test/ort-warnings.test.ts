import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const script = fileURLToPath(new URL("fixtures/build-every-graph.ts", import.meta.url));

it("every graph form builds a session without ORT warnings (they would print in every training run)", async () => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
  });
  expect(stdout).toMatch(/^built 9 sessions/);
  expect(stderr).not.toMatch(/onnxruntime/);
}, 60_000);
