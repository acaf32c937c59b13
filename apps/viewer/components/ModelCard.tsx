import Link from "next/link";
import type { ModelSummary } from "@ganvas/registry";
import { DamagedVersions } from "@/components/DamagedVersions";
import { VersionSummary } from "@/components/VersionSummary";

type ModelCardProps = { model: ModelSummary };

/** A model and its intact versions, newest first, then what was left out as damaged. */
export function ModelCard({ model }: ModelCardProps) {
  const headingId = `model-${model.name}`;
  const versions = [...model.versions].reverse();
  return (
    <section className="model-card" aria-labelledby={headingId} data-testid="model-card" data-model={model.name}>
      <header className="model-card-header">
        <h2 id={headingId}>
          <Link href={`/models/${encodeURIComponent(model.name)}/latest`}>{model.name}</Link>
        </h2>
        <span className="muted">
          {versions.length} {versions.length === 1 ? "version" : "versions"}
        </span>
      </header>
      <ul className="version-list">
        {versions.map((record) => (
          <li key={record.version}>
            <VersionSummary record={record} />
          </li>
        ))}
      </ul>
      <DamagedVersions name={model.name} problems={model.problems} />
    </section>
  );
}
