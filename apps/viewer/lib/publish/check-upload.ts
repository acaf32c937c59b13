// Turns a POST /api/publish form into what @ganvas/registry publishes, or refuses it with the reason. Every
// check runs before the registry is touched; the registry validates the whole manifest again with its schema.
import {
  isModelName,
  lossHistorySchema,
  manifestSchema,
  type ManifestDraft,
  type PublishInput,
} from "@ganvas/registry";
import { z } from "zod";
import { checkGenerator } from "@/lib/publish/check-generator";
import { UploadError } from "@/lib/publish/upload-error";
import {
  BROWSER_BACKEND_PREFIX,
  MANIFEST_FIELD,
  NAME_FIELD,
  UPLOAD_FILES,
  type UploadFileName,
} from "@/lib/publish/upload-form";

/** What the registry fills in itself when it publishes; a draft must leave them out. */
const FILLED_BY_REGISTRY = ["schemaVersion", "name", "version", "createdAt", "files"] as const;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const refuse = (message: string) => new UploadError(400, message);

function textField(form: FormData, field: string): string {
  const value = form.get(field);
  if (typeof value !== "string") throw refuse(`The form has no "${field}" field.`);
  return value;
}

/**
 * The draft, checked with the registry's own manifest schema: completed with placeholders for what the registry
 * fills in (the schema has cross-field refinements, so it cannot be narrowed to a draft schema).
 */
function parseDraft(text: string, name: string): ManifestDraft {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw refuse(`The manifest is not JSON: ${(error as Error).message}.`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw refuse("The manifest must be an object.");
  const reserved = FILLED_BY_REGISTRY.filter((key) => key in json);
  if (reserved.length > 0) throw refuse(`The manifest must leave ${reserved.join(", ")} to the registry.`);
  const placeholders = {
    schemaVersion: manifestSchema.shape.schemaVersion.value,
    name,
    version: 1,
    createdAt: new Date().toISOString(),
    files: [],
  };
  const parsed = manifestSchema.safeParse({ ...json, ...placeholders });
  if (!parsed.success) {
    throw refuse(`The manifest does not match the registry's schema:\n${z.prettifyError(parsed.error)}`);
  }
  const {
    schemaVersion: _schema,
    name: _name,
    version: _version,
    createdAt: _created,
    files: _files,
    ...draft
  } = parsed.data;
  if (draft.model.architecture !== "dcgan") throw refuse("Only DCGAN generators can be published from the browser.");
  if (!draft.training.backend.startsWith(BROWSER_BACKEND_PREFIX)) {
    throw refuse(`training.backend must name the browser's backend ("${BROWSER_BACKEND_PREFIX}wasm", ...).`);
  }
  return draft;
}

async function uploadedFiles(form: FormData): Promise<Map<UploadFileName, Uint8Array>> {
  const files = new Map<UploadFileName, Uint8Array>();
  for (const [field, value] of form.entries()) {
    if (field === NAME_FIELD || field === MANIFEST_FIELD) continue;
    if (!(field in UPLOAD_FILES) || typeof value === "string") {
      const allowed = Object.keys(UPLOAD_FILES).join(", ");
      throw refuse(`Unexpected form field "${field}": a version's files are ${allowed}.`);
    }
    if (files.has(field as UploadFileName)) throw refuse(`The file ${field} is uploaded twice.`);
    files.set(field as UploadFileName, new Uint8Array(await value.arrayBuffer()));
  }
  for (const [name, { required }] of Object.entries(UPLOAD_FILES)) {
    if (required && !files.has(name as UploadFileName)) throw refuse(`The upload has no ${name}.`);
  }
  return files;
}

function checkSideFiles(files: Map<UploadFileName, Uint8Array>): void {
  const samples = files.get("samples.png");
  if (samples && !PNG_SIGNATURE.every((byte, index) => samples[index] === byte)) {
    throw refuse("samples.png is not a PNG image.");
  }
  const losses = files.get("losses.json");
  if (losses) {
    let parsed;
    try {
      parsed = lossHistorySchema.safeParse(JSON.parse(new TextDecoder().decode(losses)));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) throw refuse("losses.json is not a list of { step, dLoss, gLoss }.");
  }
}

/** Reads and checks the whole upload; throws an UploadError (400) naming the first problem found. */
export async function checkUpload(form: FormData): Promise<PublishInput> {
  const name = textField(form, NAME_FIELD).trim();
  if (!isModelName(name)) {
    throw refuse(
      `Invalid model name ${JSON.stringify(name)}: use 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit.`,
    );
  }
  const manifest = parseDraft(textField(form, MANIFEST_FIELD), name);
  const files = await uploadedFiles(form);
  if (manifest.model.architecture === "dcgan") {
    const { imageSize, channels, zDim, generatorWidth, discriminatorWidth } = manifest.model;
    const config = { imageSize, channels, zDim, generatorWidth, discriminatorWidth };
    checkGenerator(config, files.get("model.json")!, files.get("weights.bin")!);
  }
  checkSideFiles(files);
  return {
    name,
    manifest,
    files: [...files].map(([path, data]) => ({ path, role: UPLOAD_FILES[path].role, data })),
  };
}
