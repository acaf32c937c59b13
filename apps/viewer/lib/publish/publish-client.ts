// The /train page's side of publishing: the manifest draft from the run's facts, the form, the POST.
import type { ManifestDraft } from "@ganvas/registry";
import type { ExportedGenerator } from "@/lib/training/protocol";
import { MANIFEST_FIELD, NAME_FIELD, PUBLISH_URL, type PublishResponse } from "@/lib/publish/upload-form";

export function manifestDraft({ facts, losses }: ExportedGenerator): ManifestDraft {
  const last = losses.at(-1);
  return {
    model: { architecture: "dcgan", ...facts.config },
    dataset: facts.dataset,
    training: {
      preset: facts.preset,
      // Whole epochs done; `steps` has the exact amount.
      epochs: Math.floor(facts.steps / facts.stepsPerEpoch),
      steps: facts.steps,
      batchSize: facts.batchSize,
      learningRate: facts.learningRate,
      seed: facts.seed,
      backend: facts.backend,
      wallTimeSeconds: Number(facts.wallTimeSeconds.toFixed(1)),
      gitCommit: null,
    },
    metrics: { finalDLoss: last?.dLoss ?? null, finalGLoss: last?.gLoss ?? null, quality: null },
    lineage: { resumedFrom: null, fineTunedFrom: null },
  };
}

export type Published = { name: string; version: number; url: string; warnings: string[] };

export async function publishGenerator(name: string, generator: ExportedGenerator): Promise<Published> {
  const form = new FormData();
  form.set(NAME_FIELD, name);
  form.set(MANIFEST_FIELD, JSON.stringify(manifestDraft(generator)));
  form.set("model.json", new Blob([generator.modelJson], { type: "application/json" }), "model.json");
  form.set("weights.bin", new Blob([generator.weights]), "weights.bin");
  form.set("samples.png", new Blob([generator.samplesPng], { type: "image/png" }), "samples.png");
  const losses = generator.losses.map(({ step, dLoss, gLoss }) => ({ step, dLoss, gLoss }));
  form.set("losses.json", new Blob([JSON.stringify(losses)], { type: "application/json" }), "losses.json");
  const response = await fetch(PUBLISH_URL, { method: "POST", body: form });
  const body = (await response.json().catch(() => ({ error: `HTTP ${response.status}` }))) as PublishResponse;
  if ("error" in body) throw new Error(body.error);
  return body;
}
