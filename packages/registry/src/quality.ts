import { join } from "node:path";
import { writeJsonAtomic } from "./atomic";
import { withLock } from "./lock";
import { checkManifest, type Manifest } from "./manifest";
import { MANIFEST_FILE, layout } from "./paths";
import { readManifest } from "./read";

export type Quality = NonNullable<Manifest["metrics"]["quality"]>;

/**
 * Records a version's quality score. A version's files never change; its score is the one annotation that
 * may be (re)computed after publishing (`evaluate`), as MLflow lets a model version's metrics be added later.
 * The manifest is replaced atomically under the model's lock, so readers see the old or the new one.
 */
export async function writeQuality(root: string, name: string, version: number, quality: Quality): Promise<Manifest> {
  return withLock(layout.modelLock(root, name), `the manifests of ${name}`, async () => {
    const { manifest, dir } = await readManifest(root, name, version);
    const next = checkManifest(
      { ...manifest, metrics: { ...manifest.metrics, quality } },
      "INVALID",
      `The quality score for ${name}@${version}`,
    );
    await writeJsonAtomic(join(dir, MANIFEST_FILE), next);
    return next;
  });
}
