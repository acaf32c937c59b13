import Link from "next/link";
import type { VersionRecord } from "@ganvas/registry";
import { AliasBadges } from "@/components/AliasBadges";
import { QualityScore } from "@/components/QualityScore";
import { fileUrl } from "@/lib/file-url";
import { formatDate } from "@/lib/format";
import { fileWithRole } from "@/lib/manifest-files";

type VersionSummaryProps = { record: VersionRecord };

/** One version in the gallery: its latest sample grid and the facts that tell versions apart. */
export function VersionSummary({ record }: VersionSummaryProps) {
  const { manifest } = record;
  const samples = fileWithRole(manifest, "samples");
  const href = `/models/${encodeURIComponent(record.name)}/${record.version}`;
  return (
    <article className="version-summary" data-testid="version-summary" data-version={record.version}>
      <Link href={href} className="thumbnail" aria-label={`Open ${record.name} version ${record.version}`}>
        {samples ? (
          // A registry file served with immutable caching; next/image's optimiser would only re-encode it.
          <img
            src={fileUrl(record.name, record.version, samples.path)}
            alt={`Training samples of ${record.name} v${record.version}`}
            loading="lazy"
          />
        ) : (
          <span className="thumbnail-empty">no samples</span>
        )}
      </Link>
      <h3>
        <Link href={href}>v{record.version}</Link> <AliasBadges aliases={record.aliases} />
      </h3>
      <dl className="facts">
        <dt>Data set</dt>
        <dd>{manifest.dataset.name}</dd>
        {manifest.dataset.classNames && (
          <>
            <dt>Classes</dt>
            <dd className="class-names">{manifest.dataset.classNames.join(", ")}</dd>
          </>
        )}
        <dt>Image size</dt>
        <dd>
          {manifest.model.imageSize}×{manifest.model.imageSize}
          {manifest.model.channels === 1 ? " grey" : " RGB"}
        </dd>
        <dt>Epochs</dt>
        <dd>{manifest.training.epochs}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={manifest.createdAt}>{formatDate(manifest.createdAt)}</time>
        </dd>
        {manifest.model.architecture !== "dcgan" && (
          <>
            <dt>Kind</dt>
            <dd>quality evaluator</dd>
          </>
        )}
        {manifest.metrics.heldOutAccuracy !== undefined && (
          <>
            <dt>Held-out accuracy</dt>
            <dd>{(manifest.metrics.heldOutAccuracy * 100).toFixed(1)}%</dd>
          </>
        )}
        {manifest.metrics.quality && <QualityScore quality={manifest.metrics.quality} />}
      </dl>
    </article>
  );
}
