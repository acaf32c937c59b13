import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ManifestDraft, PublishFile } from "../../src/index";
import { Registry } from "../../src/index";

/** A complete, valid draft manifest for a tiny model. */
export function sampleDraft(): ManifestDraft {
  return {
    model: { architecture: "dcgan", imageSize: 8, channels: 1, zDim: 4, generatorWidth: 2, discriminatorWidth: 2 },
    dataset: { name: "digits", count: 100, contentHash: "sha256:abc" },
    training: {
      preset: "fast",
      epochs: 1,
      steps: 10,
      batchSize: 8,
      learningRate: 0.0002,
      seed: 7,
      backend: "cpu",
      wallTimeSeconds: 1.5,
      gitCommit: null,
    },
    metrics: { finalDLoss: 0.7, finalGLoss: 1.2, quality: null },
    lineage: { resumedFrom: null, fineTunedFrom: null },
  };
}

/** A quality score as `evaluate` records it. */
export const sampleQuality = {
  kind: "classifier-frechet" as const,
  value: 12.5,
  samples: 100,
  evaluator: "evaluator@1",
  classHistogram: [50, 50],
};

/** Files that differ by `tag`, so that each version's content is recognisable. */
export function sampleFiles(tag: string, weightBytes = 1024): PublishFile[] {
  const weights = new Uint8Array(weightBytes).map((_, index) => (index * 31 + tag.length) % 256);
  return [
    {
      path: "model.json",
      role: "generator-topology",
      data: JSON.stringify({ tag, weightsManifest: [{ paths: ["weights.bin"] }] }),
    },
    { path: "weights.bin", role: "generator-weights", data: weights },
    { path: "samples.png", role: "samples", data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, tag.length]) },
  ];
}

export async function withTempRegistry<T>(use: (registry: Registry, root: string) => Promise<T>): Promise<T> {
  const root = await mkdtemp(join(tmpdir(), "ganvas-registry-"));
  try {
    return await use(new Registry(root), root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
