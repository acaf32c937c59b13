import { describe, expect, it } from "vitest";
import { type Manifest, RegistryError, parseManifest, sha256Hex } from "../src/index";
import { sampleDraft } from "./support/sample";

function validManifest(): Manifest {
  return {
    ...sampleDraft(),
    schemaVersion: 2,
    name: "digits",
    version: 3,
    createdAt: "2025-01-02T03:04:05.000Z",
    files: [{ path: "weights.bin", bytes: 4, sha256: sha256Hex("abcd"), role: "generator-weights" }],
  };
}

/** The message of the RegistryError that parsing `value` throws. */
function parseError(value: unknown, source = "/models/digits/versions/3/manifest.json"): string {
  try {
    parseManifest(typeof value === "string" ? value : JSON.stringify(value), source);
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).code).toBe("CORRUPT");
    return (error as Error).message;
  }
  throw new Error("expected parseManifest to throw");
}

describe("parseManifest", () => {
  it("accepts a complete manifest, with or without a quality score", () => {
    expect(parseManifest(JSON.stringify(validManifest()), "m.json")).toEqual(validManifest());
    const scored = validManifest();
    scored.metrics.quality = {
      kind: "classifier-frechet",
      value: 12.5,
      samples: 1000,
      evaluator: "digits-cnn@1",
      classHistogram: [0.1, 0.9],
    };
    expect(parseManifest(JSON.stringify(scored), "m.json").metrics.quality?.value).toBe(12.5);
  });

  it("accepts a conditional generator with its class accuracy, and refuses a class count below 2 or an accuracy above 1", () => {
    const conditional = validManifest();
    if (conditional.model.architecture !== "dcgan") throw new Error("the sample draft is a generator");
    conditional.model.numClasses = 10;
    conditional.metrics.quality = {
      kind: "classifier-frechet",
      value: 20,
      samples: 1000,
      evaluator: "digits-cnn@1",
      classHistogram: [500, 500],
      classAccuracy: { samples: 1000, overall: 0.95, perClass: [0.9, 1] },
    };
    expect(parseManifest(JSON.stringify(conditional), "m.json")).toEqual(conditional);
    expect(parseError({ ...conditional, model: { ...conditional.model, numClasses: 1 } })).toMatch(
      /model\.numClasses: /,
    );
    const named = { ...conditional, dataset: { ...conditional.dataset, classNames: ["0", "1"] } };
    expect(parseError(named)).toMatch(/dataset\.classNames: names 2 classes but the conditional generator draws 10/);
    const tooAccurate = structuredClone(conditional);
    tooAccurate.metrics.quality!.classAccuracy!.perClass[1] = 1.5;
    expect(parseError(tooAccurate)).toMatch(/metrics\.quality\.classAccuracy\.perClass\[1\]: /);
  });

  it("names a missing field and the file", () => {
    const manifest: Record<string, unknown> = { ...validManifest() };
    delete manifest.dataset;
    expect(parseError(manifest)).toMatch(
      /^Manifest \/models\/digits\/versions\/3\/manifest\.json is invalid: dataset: is missing/,
    );

    const noSeed = validManifest() as unknown as { training: Record<string, unknown> };
    delete noSeed.training.seed;
    expect(parseError(noSeed)).toMatch(/training\.seed: is missing/);
  });

  it("names fields of the wrong type, nested in arrays too", () => {
    const manifest = validManifest() as unknown as {
      model: Record<string, unknown>;
      files: Array<Record<string, unknown>>;
    };
    manifest.model.zDim = "100";
    manifest.files[0]!.sha256 = "XYZ";
    const message = parseError(manifest);
    expect(message).toMatch(/model\.zDim: .*expected number/);
    expect(message).toMatch(/files\[0\]\.sha256: must be 64 lower-case hex digits/);
  });

  it("rejects bad versions, schema versions, channels and unknown keys", () => {
    expect(parseError({ ...validManifest(), version: 0 })).toMatch(/^.*version: /);
    expect(parseError({ ...validManifest(), version: 1.5 })).toMatch(/version: .*int/i);
    expect(parseError({ ...validManifest(), schemaVersion: 0 })).toMatch(/schemaVersion: /);
    expect(parseError({ ...validManifest(), schemaVersion: "2" })).toMatch(/schemaVersion: /);
    expect(parseError({ ...validManifest(), schemaVersion: 3 })).toMatch(
      /schemaVersion: 3 is newer than this Ganvas reads \(1 or 2\); update Ganvas/,
    );
    expect(parseError({ ...validManifest(), model: { ...validManifest().model, channels: 2 } })).toMatch(
      /model\.channels: /,
    );
    expect(parseError({ ...validManifest(), createdAt: "yesterday" })).toMatch(/createdAt: /);
    expect(parseError({ ...validManifest(), extra: true })).toMatch(/\(top level\): .*extra/);
  });

  it("rejects unsafe or duplicated file paths", () => {
    const file = validManifest().files[0]!;
    for (const path of ["../weights.bin", "/etc/passwd", "a\\b.bin", ".hidden", "a//b", "%2e%2e/x"]) {
      expect(parseError({ ...validManifest(), files: [{ ...file, path }] })).toMatch(
        /files\[0\]\.path: must be a relative path/,
      );
    }
    expect(parseError({ ...validManifest(), files: [file, file] })).toMatch(
      /files\[1\]\.path: lists "weights\.bin" twice/,
    );
  });

  it("reports text that is not JSON", () => {
    expect(parseError("{ nope", "/x/manifest.json")).toMatch(/^Manifest \/x\/manifest\.json is not valid JSON/);
  });
});

/** A manifest as version 1 wrote it: no class names, no epoch-samples files. */
function versionOneManifest(): Record<string, unknown> {
  return { ...validManifest(), schemaVersion: 1 };
}

function epochGrid(epoch: number | undefined, path = `epochs/epoch-${epoch ?? "x"}.png`) {
  return {
    path,
    bytes: 5,
    sha256: sha256Hex("grid!"),
    role: "epoch-samples",
    ...(epoch === undefined ? {} : { epoch }),
  };
}

describe("schema version 2", () => {
  it("reads a version 1 manifest as version 2 with nothing else changed", () => {
    const read = parseManifest(JSON.stringify(versionOneManifest()), "m.json");
    expect(read).toEqual({ ...versionOneManifest(), schemaVersion: 2 });
  });

  it("keeps version 1 as it was: no class names, no epoch-samples files", () => {
    const named = versionOneManifest() as { dataset: Record<string, unknown> };
    named.dataset.classNames = ["zero"];
    expect(parseError(named)).toMatch(/dataset: .*classNames/);
    expect(parseError({ ...versionOneManifest(), files: [epochGrid(1)] })).toMatch(/files\[0\]\.(role|epoch)/);
  });

  it("accepts class names and one grid per finished epoch", () => {
    const manifest = validManifest();
    manifest.dataset.classNames = ["T-shirt/top", "Trouser"];
    manifest.files.push(epochGrid(1) as Manifest["files"][number], epochGrid(2) as Manifest["files"][number]);
    expect(parseManifest(JSON.stringify(manifest), "m.json")).toEqual(manifest);
  });

  it("rejects epoch-samples files without an epoch, epochs on other files and two grids of one epoch", () => {
    const file = validManifest().files[0]!;
    expect(parseError({ ...validManifest(), files: [epochGrid(undefined)] })).toMatch(/files\[0\]\.epoch: is missing/);
    expect(parseError({ ...validManifest(), files: [{ ...file, epoch: 1 }] })).toMatch(
      /files\[0\]\.epoch: belongs to epoch-samples files only/,
    );
    expect(parseError({ ...validManifest(), files: [epochGrid(0)] })).toMatch(/files\[0\]\.epoch: /);
    expect(parseError({ ...validManifest(), files: [epochGrid(2, "a.png"), epochGrid(2, "b.png")] })).toMatch(
      /files\[1\]\.epoch: 2 has two grids/,
    );
  });

  it("rejects empty class names and an evaluator whose class count disagrees with them", () => {
    const unnamed = validManifest();
    unnamed.dataset.classNames = ["0", ""];
    expect(parseError(unnamed)).toMatch(/dataset\.classNames\[1\]: /);
    expect(parseError({ ...validManifest(), dataset: { ...validManifest().dataset, classNames: [] } })).toMatch(
      /dataset\.classNames: /,
    );
    const evaluator = {
      ...validManifest(),
      model: { architecture: "lenet-evaluator", imageSize: 28, channels: 1, classes: 10 },
      dataset: { ...validManifest().dataset, classNames: ["a", "b"] },
    };
    expect(parseError(evaluator)).toMatch(/dataset\.classNames: names 2 classes but the evaluator has 10/);
  });
});
