import { join } from "node:path";
import { writeJsonAtomic } from "./atomic";
import { readManifestFile } from "./fs-versions";
import { withLock } from "./lock";
import { checkManifest, type Manifest } from "./manifest";
import { MANIFEST_FILE, layout } from "./paths";
import type { VersionLocation } from "./store";

export type Quality = NonNullable<Manifest["metrics"]["quality"]>;

/** The manifest with `metrics.quality` replaced and every other field as it was, validated. */
export function withQuality(manifest: Manifest, quality: Quality): Manifest {
  return checkManifest(
    { ...manifest, metrics: { ...manifest.metrics, quality } },
    "INVALID",
    `The quality score for ${manifest.name}@${manifest.version}`,
  );
}

/**
 * Records a version's quality score in its folder. A version's files never change; its score is the one
 * annotation that may be (re)computed after publishing (`evaluate`), as MLflow lets a model version's metrics
 * be added later. The manifest is replaced atomically under the model's lock, so readers see the old or the new one.
 */
export async function writeQuality(root: string, owner: VersionLocation, quality: Quality): Promise<Manifest> {
  return withLock(layout.modelLock(root, owner.name), `the manifests of ${owner.name}`, async () => {
    const next = withQuality(await readManifestFile(root, owner), quality);
    await writeJsonAtomic(join(owner.dir, MANIFEST_FILE), next);
    return next;
  });
}
