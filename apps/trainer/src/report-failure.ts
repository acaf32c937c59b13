import { CommanderError } from "commander";
import { UserError } from "./errors";

/** Known failures print one clear message; anything else is a bug and keeps its stack trace. */
export function reportFailure(error: unknown): void {
  if (error instanceof CommanderError) {
    // Commander already printed the message (or the help text, exit code 0).
    process.exitCode = error.exitCode;
    return;
  }
  const known =
    error instanceof UserError ||
    (error instanceof Error && ["DatasetError", "RegistryError", "ConfigError"].includes(error.name));
  if (known) {
    console.error(`error: ${(error as Error).message}`);
    process.exitCode = error instanceof UserError ? error.exitCode : 1;
    return;
  }
  console.error(error);
  process.exitCode = 1;
}
