import { describe, expect, it } from "vitest";
import { type Manifest, RegistryError, parseManifest, sha256Hex } from "../src/index";
import { sampleDraft } from "./support/sample";

function validManifest(): Manifest {
  return {
    ...sampleDraft(),
    schemaVersion: 1,
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
    expect(parseError({ ...validManifest(), schemaVersion: 2 })).toMatch(/schemaVersion: /);
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
