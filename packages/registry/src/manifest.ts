import { z } from "zod";
import { RegistryError } from "./errors";
import { MANIFEST_FILE, isSafeRelativePath } from "./paths";
import { MODEL_NAME_PATTERN } from "./names";

const count = z.int().min(0);
const positiveInt = z.int().min(1);
const nonEmpty = z.string().min(1);

export const fileRoleSchema = z.enum([
  "generator-topology",
  "generator-weights",
  "evaluator-topology",
  "evaluator-weights",
  "samples",
  "losses",
  "other",
]);
export type FileRole = z.infer<typeof fileRoleSchema>;

export const manifestFileSchema = z.strictObject({
  path: z
    .string()
    .refine(
      isSafeRelativePath,
      "must be a relative path of '/'-separated names (letters, digits, '.', '_', '-'; no leading dot)",
    )
    .refine((path) => path !== MANIFEST_FILE, `${MANIFEST_FILE} is reserved for the manifest itself`),
  bytes: count,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lower-case hex digits"),
  role: fileRoleSchema,
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

const qualitySchema = z.strictObject({
  kind: z.literal("classifier-frechet"),
  value: z.number(),
  samples: positiveInt,
  evaluator: nonEmpty,
  classHistogram: z.array(z.number()),
});

export const manifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  name: z.string().regex(MODEL_NAME_PATTERN, "must match /^[a-z0-9][a-z0-9._-]{0,63}$/"),
  version: positiveInt,
  createdAt: z.iso.datetime({ offset: true }),
  // A version holds a DCGAN generator, or the classifier whose feature space scores generators.
  model: z.discriminatedUnion("architecture", [
    z.strictObject({
      architecture: z.literal("dcgan"),
      imageSize: positiveInt,
      channels: z.literal([1, 3]),
      zDim: positiveInt,
      generatorWidth: positiveInt,
      discriminatorWidth: positiveInt,
    }),
    z.strictObject({
      architecture: z.literal("lenet-evaluator"),
      imageSize: positiveInt,
      channels: z.literal([1, 3]),
      classes: positiveInt,
    }),
  ]),
  dataset: z.strictObject({ name: nonEmpty, count, contentHash: nonEmpty }),
  training: z.strictObject({
    preset: z.string().nullable(),
    epochs: count,
    steps: count,
    batchSize: positiveInt,
    learningRate: z.number().positive(),
    seed: z.int(),
    backend: nonEmpty,
    /** The GPU a GPU backend ran on ("nvidia hopper (NVIDIA H200)"); absent on the CPU backends. */
    device: nonEmpty.optional(),
    wallTimeSeconds: z.number().min(0),
    gitCommit: z.string().nullable(),
  }),
  metrics: z.strictObject({
    finalDLoss: z.number().nullable(),
    finalGLoss: z.number().nullable(),
    quality: qualitySchema.nullable(),
    /** Evaluators only: accuracy on the data set's held-out images. */
    heldOutAccuracy: z.number().min(0).max(1).optional(),
  }),
  lineage: z.strictObject({ resumedFrom: z.string().nullable(), fineTunedFrom: z.string().nullable() }),
  files: z.array(manifestFileSchema).superRefine((files, context) => {
    const seen = new Set<string>();
    files.forEach((file, index) => {
      if (seen.has(file.path)) {
        context.addIssue({
          code: "custom",
          path: [index, "path"],
          message: `lists ${JSON.stringify(file.path)} twice`,
        });
      }
      seen.add(file.path);
    });
  }),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** What a publisher provides; the registry fills in the rest. */
export type ManifestDraft = Omit<Manifest, "name" | "version" | "createdAt" | "files" | "schemaVersion">;

function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    text += typeof key === "number" ? `[${key}]` : `${text === "" ? "" : "."}${String(key)}`;
  }
  return text === "" ? "(top level)" : text;
}

/** Missing fields get their own wording: "expected number, received undefined" hides the real mistake. */
const describeIssues: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && issue.input === undefined ? "is missing" : undefined;

/** Validates against the schema; the error lists every broken field by its path, e.g. `files[0].sha256`. */
export function checkManifest(value: unknown, code: "INVALID" | "CORRUPT", where: string, file?: string): Manifest {
  const result = manifestSchema.safeParse(value, { error: describeIssues });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const problem = `is invalid: ${problems.join("; ")}`;
  throw new RegistryError(code, `${where} ${problem}`, file === undefined ? undefined : { damage: { file, problem } });
}

/** Parses manifest text read from `sourcePath`; anything wrong on disk is CORRUPT and names the file. */
export function parseManifest(json: string, sourcePath: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const problem = `is not valid JSON: ${(error as Error).message}`;
    throw new RegistryError("CORRUPT", `Manifest ${sourcePath} ${problem}`, {
      cause: error,
      damage: { file: sourcePath, problem },
    });
  }
  return checkManifest(value, "CORRUPT", `Manifest ${sourcePath}`, sourcePath);
}
