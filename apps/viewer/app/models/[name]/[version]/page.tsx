import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isVersionText } from "@ganvas/registry";
import { AliasBadges } from "@/components/AliasBadges";
import { DamagedVersion } from "@/components/DamagedVersion";
import { ManifestDetails } from "@/components/ManifestDetails";
import { ModeCoverageChart } from "@/components/ModeCoverageChart";
import { TrainingProgress } from "@/components/TrainingProgress";
import { VersionSwitcher } from "@/components/VersionSwitcher";
import { VersionWorkbench } from "@/components/VersionWorkbench";
import { parseBackendParam } from "@/lib/backend-choice";
import { timelineFrames } from "@/lib/epoch-frames";
import { fileUrl } from "@/lib/file-url";
import { formatDate } from "@/lib/format";
import { readLossHistory } from "@/lib/losses";
import { fileWithRole } from "@/lib/manifest-files";
import { lookUpVersion, siblingVersions } from "@/lib/registry-server";
import { firstParam } from "@/lib/search-params";
import type { SearchParams } from "@/lib/search-params";
import { parseSeed, randomSeed } from "@/lib/seed";

export const dynamic = "force-dynamic";

type VersionPageProps = {
  params: Promise<{ name: string; version: string }>;
  searchParams: Promise<SearchParams>;
};

export async function generateMetadata({ params }: VersionPageProps): Promise<Metadata> {
  const { name, version } = await params;
  return { title: `${name} ${isVersionText(version) ? `v${version}` : version}` };
}

export default async function VersionPage({ params, searchParams }: VersionPageProps) {
  const { name, version } = await params;
  const lookup = await lookUpVersion(name, version);
  if (lookup.status === "missing") notFound();
  if (lookup.status === "damaged") return <DamagedVersion name={name} version={version} message={lookup.message} />;
  const { record } = lookup;

  const query = await searchParams;
  const seed = parseSeed(firstParam(query, "seed")) ?? randomSeed();
  const backendParam = firstParam(query, "backend");
  const forcedBackend = parseBackendParam(backendParam);
  const { manifest } = record;
  const topology = fileWithRole(manifest, "generator-topology");
  const [losses, versions] = await Promise.all([readLossHistory(record), siblingVersions(record.name)]);

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Gallery</Link> / <Link href={`/?model=${encodeURIComponent(record.name)}`}>{record.name}</Link> /{" "}
        <span aria-current="page">v{record.version}</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>
            {record.name} <span className="version-number">v{record.version}</span>{" "}
            <AliasBadges aliases={record.aliases} />
          </h1>
          <p className="muted">
            {manifest.dataset.name} · {manifest.model.imageSize}×{manifest.model.imageSize} · {manifest.training.epochs}{" "}
            {manifest.training.epochs === 1 ? "epoch" : "epochs"} · created{" "}
            <time dateTime={manifest.createdAt}>{formatDate(manifest.createdAt)}</time>
          </p>
        </div>
        {versions && <VersionSwitcher name={record.name} versions={versions} current={record.version} />}
      </header>

      {backendParam !== null && forcedBackend === null && (
        <p className="notice">
          Unknown backend “{backendParam}” (use <code>?backend=webgpu</code>, <code>?backend=webgl</code> or{" "}
          <code>?backend=wasm</code>); choosing one automatically.
        </p>
      )}

      {manifest.model.architecture !== "dcgan" ? (
        <p className="notice">
          This version is the classifier that scores generators ({manifest.model.architecture}); it has no generator to
          sample.
        </p>
      ) : topology ? (
        <VersionWorkbench
          modelUrl={fileUrl(record.name, record.version, topology.path)}
          zDim={manifest.model.zDim}
          forcedBackend={forcedBackend}
          initialSeed={seed}
          downloadName={`${record.name}-v${record.version}`}
        />
      ) : (
        <div role="alert" className="alert alert-block">
          <h2>No generator in this version</h2>
          <p>
            The manifest lists no file with the role generator-topology (model.json), so there is nothing to sample.
          </p>
        </div>
      )}

      <section className="panel" aria-labelledby="losses-heading">
        <h2 id="losses-heading">Training progress</h2>
        <TrainingProgress
          frames={timelineFrames(record.name, record.version, manifest)}
          epochs={manifest.training.epochs}
          losses={losses}
        />
      </section>

      {manifest.metrics.quality && (
        <section className="panel" aria-labelledby="coverage-heading">
          <h2 id="coverage-heading">Mode coverage</h2>
          <ModeCoverageChart
            histogram={manifest.metrics.quality.classHistogram}
            evaluator={manifest.metrics.quality.evaluator}
            classNames={manifest.dataset.classNames}
          />
        </section>
      )}

      <section className="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <ManifestDetails record={record} />
      </section>
    </>
  );
}
