import { expect } from "vitest";
import type { CliResult } from "./cli-process";

/** A user error: a non-zero exit code and a one-line message on stderr matching `message`, never a stack trace. */
export function expectUserError(result: CliResult, message: RegExp): void {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).toMatch(message);
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
}
