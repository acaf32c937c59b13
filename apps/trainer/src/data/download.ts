// Downloads one file with a per-request timeout and retries (exponential backoff), verifies its
// SHA-256 before it is ever visible under its final name, and writes it atomically (temp + rename):
// two processes downloading at once both end with a complete, verified file.
import { setTimeout as sleep } from "node:timers/promises";
import { writeFileAtomic } from "@ganvas/registry";
import { sha256Hex } from "./content-hash";
import type { DownloadProgress } from "./dataset";
import { DatasetError } from "./errors";

export interface DownloadRequest {
  url: string;
  destination: string;
  expectedSha256: string;
  fetchImpl: typeof fetch;
  attempts: number;
  retryDelayMs: number;
  requestTimeoutMs: number;
  onProgress?: (progress: DownloadProgress) => void;
  /** What to try when every attempt failed (mirror variable, --data-dir). */
  advice: string;
}

/** A failure worth another attempt (network error, timeout, 5xx, 408, 429) or not (other 4xx). */
class AttemptError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

async function fetchOnce(request: DownloadRequest, file: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await request.fetchImpl(request.url, { signal: AbortSignal.timeout(request.requestTimeoutMs) });
  } catch (error) {
    throw new AttemptError(describeFetchError(error, request.requestTimeoutMs), true);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    throw new AttemptError(`HTTP ${response.status} ${response.statusText}`.trim(), retryable);
  }
  const header = response.headers.get("content-length");
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  try {
    if (response.body) {
      for await (const chunk of response.body) {
        chunks.push(chunk);
        loaded += chunk.byteLength;
        request.onProgress?.({ file, loaded, total });
      }
    }
  } catch (error) {
    throw new AttemptError(
      `connection lost after ${loaded} bytes (${describeFetchError(error, request.requestTimeoutMs)})`,
      true,
    );
  }
  if (total !== null && loaded !== total) {
    throw new AttemptError(`received ${loaded} of ${total} bytes`, true);
  }
  return Buffer.concat(chunks);
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") return `no complete answer within ${timeoutMs} ms`;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** Downloads, verifies and stores `request.url` at `request.destination`; returns the bytes. */
export async function downloadVerified(request: DownloadRequest, file: string): Promise<Uint8Array> {
  let lastProblem = "";
  let attempt = 0;
  while (attempt < request.attempts) {
    if (attempt > 0) await sleep(request.retryDelayMs * 2 ** (attempt - 1));
    attempt++;
    let bytes: Uint8Array;
    try {
      bytes = await fetchOnce(request, file);
    } catch (error) {
      if (!(error instanceof AttemptError)) throw error;
      lastProblem = error.message;
      if (!error.retryable) break;
      continue;
    }
    const actual = sha256Hex(bytes);
    if (actual !== request.expectedSha256) {
      throw new DatasetError(
        "CHECKSUM_MISMATCH",
        `${file} downloaded from ${request.url} has SHA-256 ${actual}, expected ${request.expectedSha256}: ` +
          `the mirror serves a different or damaged file, so nothing was saved. ${request.advice}`,
      );
    }
    await writeFileAtomic(request.destination, bytes);
    return bytes;
  }
  throw new DatasetError(
    "DOWNLOAD_FAILED",
    `Could not download ${file} from ${request.url} after ${attempt} attempt(s) (last: ${lastProblem}). ${request.advice}`,
  );
}
