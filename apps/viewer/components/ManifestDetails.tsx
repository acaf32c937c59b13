import type { VersionRecord } from "@ganvas/registry";
import { QualityScore } from "@/components/QualityScore";
import { fileUrl } from "@/lib/file-url";
import { formatBytes, formatDate, formatNumber, formatSeconds } from "@/lib/format";

type ManifestDetailsProps = { record: VersionRecord };

/** Everything the manifest records about a version: enough to understand and reproduce it. */
export function ManifestDetails({ record }: ManifestDetailsProps) {
  const { model, dataset, training, metrics, lineage, files } = record.manifest;
  return (
    <div className="details-grid">
      <section aria-labelledby="details-model">
        <h3 id="details-model">Model</h3>
        <dl className="facts">
          <dt>Architecture</dt>
          <dd>{model.architecture.toUpperCase()}</dd>
          <dt>Image</dt>
          <dd>
            {model.imageSize}×{model.imageSize}, {model.channels} {model.channels === 1 ? "channel" : "channels"}
          </dd>
          {model.architecture === "dcgan" ? (
            <>
              <dt>Latent size (z)</dt>
              <dd>{model.zDim}</dd>
              <dt>Widths (G / D)</dt>
              <dd>
                {model.generatorWidth} / {model.discriminatorWidth}
              </dd>
            </>
          ) : (
            "classes" in model && (
              <>
                <dt>Classes</dt>
                <dd>{String(model.classes)}</dd>
              </>
            )
          )}
        </dl>
      </section>
      <section aria-labelledby="details-data">
        <h3 id="details-data">Data set</h3>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{dataset.name}</dd>
          <dt>Images</dt>
          <dd>{dataset.count.toLocaleString("en-GB")}</dd>
          {dataset.classNames && (
            <>
              <dt>Classes</dt>
              <dd data-testid="class-names">{dataset.classNames.join(", ")}</dd>
            </>
          )}
          <dt>Content hash</dt>
          <dd>
            <code title={dataset.contentHash}>{dataset.contentHash.slice(0, 16)}</code>
          </dd>
        </dl>
      </section>
      <section aria-labelledby="details-training">
        <h3 id="details-training">Training</h3>
        <dl className="facts">
          <dt>Preset</dt>
          <dd>{training.preset ?? "custom"}</dd>
          <dt>Epochs / steps</dt>
          <dd>
            {training.epochs} / {training.steps.toLocaleString("en-GB")}
          </dd>
          <dt>Batch size</dt>
          <dd>{training.batchSize}</dd>
          <dt>Learning rate</dt>
          <dd>{training.learningRate}</dd>
          <dt>Seed</dt>
          <dd>{training.seed}</dd>
          <dt>Backend</dt>
          <dd>{training.backend}</dd>
          <dt>Wall time</dt>
          <dd>{formatSeconds(training.wallTimeSeconds)}</dd>
          <dt>Git commit</dt>
          <dd>{training.gitCommit ? <code>{training.gitCommit.slice(0, 12)}</code> : "unknown"}</dd>
          <dt>Created</dt>
          <dd>
            <time dateTime={record.manifest.createdAt}>{formatDate(record.manifest.createdAt)}</time>
          </dd>
        </dl>
      </section>
      <section aria-labelledby="details-metrics">
        <h3 id="details-metrics">Metrics and lineage</h3>
        <dl className="facts">
          <dt>Final D loss</dt>
          <dd>{formatNumber(metrics.finalDLoss)}</dd>
          <dt>Final G loss</dt>
          <dd>{formatNumber(metrics.finalGLoss)}</dd>
          {metrics.quality ? (
            <QualityScore quality={metrics.quality} />
          ) : (
            <>
              <dt>Quality</dt>
              <dd className="muted">not measured</dd>
            </>
          )}
          <dt>Resumed from</dt>
          <dd>{lineage.resumedFrom ?? "—"}</dd>
          <dt>Fine-tuned from</dt>
          <dd>{lineage.fineTunedFrom ?? "—"}</dd>
        </dl>
      </section>
      <section aria-labelledby="details-files" className="details-files">
        <h3 id="details-files">Files</h3>
        <table>
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col">Role</th>
              <th scope="col">Size</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.path}>
                <td>
                  <a href={fileUrl(record.name, record.version, file.path)}>{file.path}</a>
                </td>
                <td>{file.role}</td>
                <td>{formatBytes(file.bytes)}</td>
                <td>
                  <code title={file.sha256}>{file.sha256.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
