// What the /train page uploads to POST /api/publish: a multipart form with the model's name, its manifest
// draft (JSON) and the version's files, each a part named by its file name. Shared by the page and the route.
import type { FileRole } from "@ganvas/registry";

export const PUBLISH_URL = "/api/publish";
export const NAME_FIELD = "name";
export const MANIFEST_FIELD = "manifest";

/** The files a browser-trained version has, by name: the generator in the tfjs layers format, its grid, its losses. */
export const UPLOAD_FILES = {
  "model.json": { role: "generator-topology", required: true },
  "weights.bin": { role: "generator-weights", required: true },
  "samples.png": { role: "samples", required: false },
  "losses.json": { role: "losses", required: false },
} as const satisfies Record<string, { role: FileRole; required: boolean }>;
export type UploadFileName = keyof typeof UPLOAD_FILES;

/** Uploads larger than this are refused before they are read whole: a `fast` generator is 1.5 MB. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

/** Every version published through the page records a backend of this form ("browser-wasm", "browser-webgpu"). */
export const BROWSER_BACKEND_PREFIX = "browser-";

/** The route's answer: the new version, or why nothing was published. */
export type PublishResponse = { name: string; version: number; url: string; warnings: string[] } | { error: string };
