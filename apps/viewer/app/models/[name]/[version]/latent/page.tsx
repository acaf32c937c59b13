import type { Metadata } from "next";
import { LatentToolsWorkbench } from "@/components/LatentToolsWorkbench";
import { VersionBreadcrumb } from "@/components/VersionBreadcrumb";
import { parseBackendParam } from "@/lib/backend-choice";
import { parseClassLabel } from "@/lib/class-choice";
import { browserGenerator } from "@/lib/browser-generator";
import { parseIndexList } from "@/lib/index-list";
import { ARITHMETIC_SAMPLES } from "@/lib/latent-groups";
import { firstParam } from "@/lib/search-params";
import { parseSeed, randomSeed } from "@/lib/seed";
import { routeVersion, versionTitle } from "@/lib/version-route";
import type { VersionRouteProps } from "@/lib/version-route";
import { parseWalkSpeed } from "@/lib/walk-speed";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: VersionRouteProps): Promise<Metadata> {
  const { name, version } = await params;
  return { title: `Latent tools · ${versionTitle(name, version)}` };
}

/** A random walk and vector arithmetic on one version's generator; every setting is in the URL. */
export default async function LatentToolsPage({ params, searchParams }: VersionRouteProps) {
  const { name, version } = await params;
  const found = await routeVersion(name, version);
  if ("page" in found) return found.page;
  const { record } = found;
  const query = await searchParams;
  const param = (key: string) => firstParam(query, key);
  const generator = browserGenerator(record);

  return (
    <>
      <VersionBreadcrumb name={record.name} version={record.version} subpage="latent tools" />
      <header className="page-header">
        <div>
          <h1>
            Latent tools <span className="version-number">{`${record.name} v${record.version}`}</span>
          </h1>
          <p className="muted">Walk through the latent space, or add and subtract samples&apos; latents.</p>
        </div>
      </header>
      {typeof generator === "string" ? (
        <p className="notice">{generator}</p>
      ) : (
        <LatentToolsWorkbench
          modelUrl={generator.modelUrl}
          zDim={generator.zDim}
          classes={generator.classes}
          forcedBackend={parseBackendParam(param("backend"))}
          initialClass={(generator.classes && parseClassLabel(param("class"), generator.classes.length)) ?? 0}
          walk={{ seed: parseSeed(param("walk")) ?? randomSeed(), speed: parseWalkSpeed(param("speed")) }}
          arithmetic={{
            seed: parseSeed(param("seed")) ?? randomSeed(),
            groups: {
              a: parseIndexList(param("a"), ARITHMETIC_SAMPLES),
              b: parseIndexList(param("b"), ARITHMETIC_SAMPLES),
              c: parseIndexList(param("c"), ARITHMETIC_SAMPLES),
            },
          }}
        />
      )}
    </>
  );
}
