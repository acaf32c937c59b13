import { createHash } from "node:crypto";

/** SHA-256 (hex) of raw bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** SHA-256 (hex) of float pixels as stored in memory (little-endian float32 on every supported platform). */
export function pixelHash(images: Float32Array): string {
  return sha256Hex(new Uint8Array(images.buffer, images.byteOffset, images.byteLength));
}
