import type { Metadata } from "next";
import Link from "next/link";
import { AliasBadges } from "@/components/AliasBadges";
import { ManifestDetails } from "@/components/ManifestDetails";
import { ModeCoverageChart } from "@/components/ModeCoverageChart";
import { TrainingProgress } from "@/components/TrainingProgress";
import { VersionBreadcrumb } from "@/components/VersionBreadcrumb";
import { VersionSwitcher } from "@/components/VersionSwitcher";
import { VersionWorkbench } from "@/components/VersionWorkbench";
import { parseBackendParam } from "@/lib/backend-choice";
import { ALL_CLASSES, parseClassChoice } from "@/lib/class-choice";
import { generatorClasses } from "@/lib/class-names";
import { timelineFrames } from "@/lib/epoch-frames";
import { compareHref } from "@/lib/compare-href";
import { fileUrl } from "@/lib/file-url";
import { formatDate } from "@/lib/format";
import { readLossHistory } from "@/lib/losses";
import { fileWithRole } from "@/lib/manifest-files";
import { siblingVersions } from "@/lib/registry-server";
import { firstParam } from "@/lib/search-params";
import { parseSeed, randomSeed } from "@/lib/seed";
import { routeVersion, versionTitle } from "@/lib/version-route";
import type { VersionRouteProps } from "@/lib/version-route";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: VersionRouteProps): Promise<Metadata> {
  const { name, version } = await params;
  return { title: versionTitle(name, version) };
}

export default async function VersionPage({ params, searchParams }: VersionRouteProps) {
  const { name, version } = await params;
  const found = await routeVersion(name, version);
  if ("page" in found) return found.page;
  const { record } = found;

  const query = await searchParams;
  const seed = parseSeed(firstParam(query, "seed")) ?? randomSeed();
  const backendParam = firstParam(query, "backend");
  const forcedBackend = parseBackendParam(backendParam);
  const { manifest } = record;
  const topology = fileWithRole(manifest, "generator-topology");
  const classes =
    manifest.model.architecture === "dcgan"
      ? generatorClasses(manifest.model.numClasses, manifest.dataset.classNames)
      : null;
  const initialClass = (classes && parseClassChoice(firstParam(query, "class"), classes.length)) ?? ALL_CLASSES;
  const [losses, versions] = await Promise.all([readLossHistory(record), siblingVersions(record.name)]);

  return (
    <>
      <VersionBreadcrumb name={record.name} version={record.version} />
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
        <div className="header-links">
          {versions && <VersionSwitcher name={record.name} versions={versions} current={record.version} />}
          {manifest.model.architecture === "dcgan" && topology && (
            <>
              <Link href={compareHref(record.name, record.version, versions, seed)}>Compare with another version</Link>
              <Link href={`/models/${encodeURIComponent(record.name)}/${record.version}/latent`}>Latent tools</Link>
            </>
          )}
        </div>
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
          classes={classes}
          forcedBackend={forcedBackend}
          initialSeed={seed}
          initialClass={initialClass}
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
