"use client";

import { useState } from "react";
import { downloadBlob } from "@/lib/download-blob";
import { publishGenerator, type Published } from "@/lib/publish/publish-client";
import type { ExportedGenerator } from "@/lib/training/protocol";

type GeneratorActionsProps = {
  exportGenerator: () => Promise<ExportedGenerator>;
  defaultName: string;
  /** Null when publishing is on; otherwise how to turn it on. */
  publishDisabledHint: string | null;
};

/** Download the generator as tfjs layers files, or publish it to the registry, at any point of the run. */
export function GeneratorActions({ exportGenerator, defaultName, publishDisabledHint }: GeneratorActionsProps) {
  const [name, setName] = useState(defaultName);
  const [busy, setBusy] = useState(false);
  const [published, setPublished] = useState<Published | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const download = () =>
    run(async () => {
      const generator = await exportGenerator();
      downloadBlob(new Blob([generator.modelJson], { type: "application/json" }), "model.json");
      downloadBlob(new Blob([generator.weights]), "weights.bin");
    });

  const publish = () =>
    run(async () => {
      setPublished(await publishGenerator(name, await exportGenerator()));
    });

  return (
    <section className="panel" aria-labelledby="generator-actions">
      <h2 id="generator-actions">The generator</h2>
      <p className="muted">As it is now: model.json and weights.bin load with tf.loadLayersModel.</p>
      <div className="controls">
        <button type="button" onClick={() => void download()} disabled={busy}>
          Download generator
        </button>
      </div>
      {publishDisabledHint === null ? (
        <form
          className="controls"
          onSubmit={(event) => {
            event.preventDefault();
            void publish();
          }}
        >
          <label htmlFor="publish-name">Model name</label>
          <input id="publish-name" value={name} onChange={(event) => setName(event.target.value)} />
          <button type="submit" disabled={busy}>
            Publish to the registry
          </button>
        </form>
      ) : (
        <p className="notice" data-testid="publish-disabled">
          {publishDisabledHint}
        </p>
      )}
      {published && (
        <p role="status" data-testid="published">
          Published{" "}
          <a href={published.url}>
            {published.name} v{published.version}
          </a>
          . {published.warnings.join(" ")}
        </p>
      )}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </section>
  );
}
