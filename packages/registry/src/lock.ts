import lockfile from "proper-lockfile";
import { RegistryError, errnoCode } from "./errors";

/**
 * A lock that other processes respect (a mkdir-based lock folder). A holder that dies leaves the folder
 * behind; it counts as stale after STALE_MS, so waiters retry for longer than that.
 */
const STALE_MS = 10_000;
const RETRIES = { retries: 300, factor: 1.3, minTimeout: 5, maxTimeout: 100, randomize: true };

export async function withLock<T>(lockPath: string, what: string, critical: () => Promise<T>): Promise<T> {
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(lockPath, {
      lockfilePath: lockPath,
      realpath: false,
      stale: STALE_MS,
      retries: RETRIES,
      // The default throws from a timer and kills the process; report it to the caller instead.
      onCompromised: (error) => {
        compromised = error;
      },
    });
  } catch (error) {
    if (errnoCode(error) === "ELOCKED") {
      throw new RegistryError(
        "CONFLICT",
        `Timed out waiting for the lock on ${what} (${lockPath}); another process holds it. Try again.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  let result: T;
  try {
    result = await critical();
  } finally {
    // A compromised lock was already removed or taken over; releasing it would fail.
    if (compromised === undefined) await release();
  }
  if (compromised !== undefined) {
    throw new RegistryError(
      "CONFLICT",
      `Lost the lock on ${what} while updating it (${compromised.message}); check the result and retry.`,
      {
        cause: compromised,
      },
    );
  }
  return result;
}
