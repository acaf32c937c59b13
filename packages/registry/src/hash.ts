import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Streams the file so that verifying large weights does not load them whole into memory. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}

/** Strings are stored as UTF-8; converting once gives the exact bytes that are hashed, counted and written. */
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? Buffer.from(data, "utf8") : data;
}
