import type { ModelSummary } from "@ganvas/registry";
import { RegistryError } from "@ganvas/registry";
import { EmptyState } from "@/components/EmptyState";
import { ModelCard } from "@/components/ModelCard";
import { ModelFilter } from "@/components/ModelFilter";
import { getRegistry, registryLocation } from "@/lib/registry-server";
import { firstParam } from "@/lib/search-params";
import type { SearchParams } from "@/lib/search-params";

// The registry changes whenever a trainer publishes: read it on every request.
export const dynamic = "force-dynamic";

type GalleryPageProps = { searchParams: Promise<SearchParams> };

export default async function GalleryPage({ searchParams }: GalleryPageProps) {
  let models: ModelSummary[];
  try {
    models = await (await getRegistry()).listModels();
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    return (
      <div role="alert" className="alert alert-block">
        <h1>The registry could not be listed</h1>
        <p>{error.message}</p>
        <p>Check the registry it names (set GANVAS_REGISTRY to use another one).</p>
      </div>
    );
  }
  const location = await registryLocation();
  if (models.length === 0) return <EmptyState registryLocation={location} />;

  const selected = firstParam(await searchParams, "model");
  const shown = selected ? models.filter((model) => model.name === selected) : models;
  const versionCount = models.reduce((sum, model) => sum + model.versions.length, 0);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Models</h1>
          <p className="muted">
            {models.length} {models.length === 1 ? "model" : "models"}, {versionCount}{" "}
            {versionCount === 1 ? "version" : "versions"} in <code>{location}</code>
          </p>
        </div>
        <ModelFilter names={models.map((model) => model.name)} selected={selected} />
      </header>
      {shown.length === 0 ? (
        <p className="empty-state">No model is named “{selected}”.</p>
      ) : (
        shown.map((model) => <ModelCard key={model.name} model={model} />)
      )}
    </>
  );
}
