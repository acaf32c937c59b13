import { z } from "zod";
import { RegistryError } from "./errors";
import { MANIFEST_FILE, isSafeRelativePath } from "./paths";
import { MODEL_NAME_PATTERN } from "./names";

const count = z.int().min(0);
const positiveInt = z.int().min(1);
const nonEmpty = z.string().min(1);

/**
 * The manifest format publish writes. 2 added `dataset.classNames` and the `epoch-samples` role (one sample grid
 * per finished epoch, each file entry with its `epoch`). Version 1 manifests are read as version 2 (nothing they
 * hold changes meaning) and are not rewritten on disk by reading them.
 */
export const MANIFEST_SCHEMA_VERSION = 2;
const READABLE_SCHEMA_VERSIONS = [1, MANIFEST_SCHEMA_VERSION];

const v1FileRoles = [
  "generator-topology",
  "generator-weights",
  "evaluator-topology",
  "evaluator-weights",
  "samples",
  "losses",
  "other",
] as const;
/** `epoch-samples`: the fixed-noise sample grid drawn when epoch `epoch` (1 = the first) finished. */
export const fileRoleSchema = z.enum([...v1FileRoles, "epoch-samples"]);
export type FileRole = z.infer<typeof fileRoleSchema>;

const fileFields = {
  path: z
    .string()
    .refine(
      isSafeRelativePath,
      "must be a relative path of '/'-separated names (letters, digits, '.', '_', '-'; no leading dot)",
    )
    .refine((path) => path !== MANIFEST_FILE, `${MANIFEST_FILE} is reserved for the manifest itself`),
  bytes: count,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lower-case hex digits"),
};

export const manifestFileSchema = z
  .strictObject({
    ...fileFields,
    role: fileRoleSchema,
    /** Epoch-samples files only: the number of epochs finished when the grid was drawn. */
    epoch: positiveInt.optional(),
  })
  .superRefine((file, context) => {
    if (file.role === "epoch-samples" && file.epoch === undefined) {
      context.addIssue({ code: "custom", path: ["epoch"], message: "is missing (every epoch-samples file has one)" });
    }
    if (file.role !== "epoch-samples" && file.epoch !== undefined) {
      context.addIssue({ code: "custom", path: ["epoch"], message: "belongs to epoch-samples files only" });
    }
  });
export type ManifestFile = z.infer<typeof manifestFileSchema>;

const fraction = z.number().min(0).max(1);

const qualitySchema = z.strictObject({
  kind: z.literal("classifier-frechet"),
  value: z.number(),
  samples: positiveInt,
  evaluator: nonEmpty,
  classHistogram: z.array(z.number()),
  /**
   * Conditional generators only: how often the evaluator reads the class each sample was drawn for, over
   * `samples` samples (the same number of each class), overall and per class.
   */
  classAccuracy: z.strictObject({ samples: positiveInt, overall: fraction, perClass: z.array(fraction) }).optional(),
  /**
   * The same distance for `samples` real training images against the same held-out ones: what real data
   * scores, the floor no generator can be expected to beat. Absent on versions scored before it existed.
   */
  realDataFloor: z.number().min(0).optional(),
});

const datasetFields = { name: nonEmpty, count, contentHash: nonEmpty };

/** Fields with the same meaning in schema versions 1 and 2. */
const sharedFields = {
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
      /** A class-conditional generator: its input is zDim latents followed by a one-hot of this many classes. */
      numClasses: z.int().min(2).optional(),
    }),
    z.strictObject({
      architecture: z.literal("lenet-evaluator"),
      imageSize: positiveInt,
      channels: z.literal([1, 3]),
      classes: positiveInt,
    }),
  ]),
  training: z.strictObject({
    preset: z.string().nullable(),
    epochs: count,
    steps: count,
    batchSize: positiveInt,
    learningRate: z.number().positive(),
    /** What the run changed from the tutorial's training beyond the learning rate; absent: nothing. */
    recipe: z
      .strictObject({
        beta1: z.number().min(0).lt(1).optional(),
        beta2: z.number().min(0).lt(1).optional(),
        realLabel: z.number().gt(0.5).max(1).optional(),
        averageDecay: z.number().gt(0).lt(1).optional(),
      })
      .optional(),
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
    heldOutAccuracy: fraction.optional(),
  }),
  lineage: z.strictObject({ resumedFrom: z.string().nullable(), fineTunedFrom: z.string().nullable() }),
};

function fileList<File extends { path: string }>(file: z.ZodType<File>) {
  return z.array(file).superRefine((files, context) => {
    const seen = new Set<string>();
    files.forEach((entry, index) => {
      if (seen.has(entry.path)) {
        context.addIssue({
          code: "custom",
          path: [index, "path"],
          message: `lists ${JSON.stringify(entry.path)} twice`,
        });
      }
      seen.add(entry.path);
    });
  });
}

export const manifestSchema = z
  .strictObject({
    schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
    ...sharedFields,
    dataset: z.strictObject({
      ...datasetFields,
      /** Name of each class by label index, where the data set has labels ("0".."9", "T-shirt/top", ...). */
      classNames: z.array(nonEmpty).min(1).optional(),
    }),
    files: fileList(manifestFileSchema),
  })
  .superRefine((manifest, context) => {
    const { classNames } = manifest.dataset;
    if (
      classNames &&
      manifest.model.architecture === "lenet-evaluator" &&
      classNames.length !== manifest.model.classes
    ) {
      context.addIssue({
        code: "custom",
        path: ["dataset", "classNames"],
        message: `names ${classNames.length} classes but the evaluator has ${manifest.model.classes}`,
      });
    }
    const { model } = manifest;
    if (classNames && model.architecture === "dcgan" && model.numClasses && classNames.length !== model.numClasses) {
      context.addIssue({
        code: "custom",
        path: ["dataset", "classNames"],
        message: `names ${classNames.length} classes but the conditional generator draws ${model.numClasses}`,
      });
    }
    const epochs = new Set<number>();
    manifest.files.forEach((file, index) => {
      if (file.epoch === undefined) return;
      if (epochs.has(file.epoch)) {
        context.addIssue({ code: "custom", path: ["files", index, "epoch"], message: `${file.epoch} has two grids` });
      }
      epochs.add(file.epoch);
    });
  });
export type Manifest = z.infer<typeof manifestSchema>;

/** Version 1: no class names, no epoch-samples files. */
const manifestV1Schema = z.strictObject({
  schemaVersion: z.literal(1),
  ...sharedFields,
  dataset: z.strictObject(datasetFields),
  files: fileList(z.strictObject({ ...fileFields, role: z.enum(v1FileRoles) })),
});

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

/** The schema a manifest claims to follow, or undefined when it says nothing readable. */
function claimedSchemaVersion(value: unknown): unknown {
  return typeof value === "object" && value !== null ? (value as { schemaVersion?: unknown }).schemaVersion : undefined;
}

/**
 * Validates against the schema the manifest names (1 or 2) and returns it as version 2; the error lists every
 * broken field by its path, e.g. `files[0].sha256`.
 */
export function checkManifest(value: unknown, code: "INVALID" | "CORRUPT", where: string, file?: string): Manifest {
  const fail = (problem: string) =>
    new RegistryError(code, `${where} ${problem}`, file === undefined ? undefined : { damage: { file, problem } });
  const claimed = claimedSchemaVersion(value);
  if (typeof claimed === "number" && Number.isInteger(claimed) && claimed > MANIFEST_SCHEMA_VERSION) {
    throw fail(
      `is invalid: schemaVersion: ${claimed} is newer than this Ganvas reads (${READABLE_SCHEMA_VERSIONS.join(" or ")}); update Ganvas`,
    );
  }
  const result =
    claimed === 1
      ? manifestV1Schema.safeParse(value, { error: describeIssues })
      : manifestSchema.safeParse(value, { error: describeIssues });
  if (result.success) return { ...result.data, schemaVersion: MANIFEST_SCHEMA_VERSION };
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw fail(`is invalid: ${problems.join("; ")}`);
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
