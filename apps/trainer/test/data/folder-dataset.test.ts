import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatasetError, loadDataset } from "../../src/data";

type Rgba = [number, number, number, number];

function solidPng(width: number, height: number, color: Rgba): Buffer {
  const png = new PNG({ width, height });
  for (let p = 0; p < width * height; p++) png.data.set(color, p * 4);
  return PNG.sync.write(png);
}

function solidJpeg(width: number, height: number, color: Rgba): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set(color, p * 4);
  return jpeg.encode({ data, width, height }, 95).data;
}

const toUnit = (byte: number) => (byte / 255) * 2 - 1;
const luma = ([r, g, b]: Rgba) => toUnit(0.299 * r + 0.587 * g + 0.114 * b);

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "ganvas-folder-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function loadError(spec: string, channels: 1 | 3 = 1): Promise<DatasetError> {
  const error = await loadDataset(spec, { cacheDir: folder, imageSize: 8, channels }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe("folder:<path>", () => {
  const red: Rgba = [255, 0, 0, 255];
  const teal: Rgba = [0, 128, 128, 255];
  const gray: Rgba = [200, 200, 200, 255];

  beforeEach(async () => {
    await mkdir(join(folder, "nested", "deeper"), { recursive: true });
    await writeFile(join(folder, "a-red.png"), solidPng(40, 24, red));
    await writeFile(join(folder, "nested", "b-teal.JPG"), solidJpeg(13, 50, teal));
    await writeFile(join(folder, "nested", "deeper", "c-gray.jpeg"), solidJpeg(5, 3, gray));
    await writeFile(join(folder, "notes.txt"), "not an image");
    await writeFile(join(folder, ".hidden.png"), "skipped: hidden");
  });

  it("loads PNG and JPEG files of any size recursively as RGB, in a fixed order", async () => {
    const dataset = await loadDataset(`folder:${folder}`, { cacheDir: folder, imageSize: 8, channels: 3 });
    expect(dataset.name).toBe(`folder:${folder}`);
    expect(dataset.count).toBe(3);
    expect(dataset.images.length).toBe(3 * 8 * 8 * 3);
    expect(dataset.heldOut.count).toBe(0);
    expect(dataset.labels).toBeUndefined();
    const expected = [red, teal, gray].map(([r, g, b]) => [toUnit(r), toUnit(g), toUnit(b)]);
    for (let n = 0; n < 3; n++) {
      for (let p = 0; p < 64; p++) {
        for (let c = 0; c < 3; c++) {
          // JPEG is lossy: allow a few levels of error on a solid colour.
          expect(Math.abs(dataset.images[(n * 64 + p) * 3 + c]! - expected[n]![c]!)).toBeLessThan(
            n === 0 ? 1e-6 : 0.05,
          );
        }
      }
    }
  });

  it("converts to grayscale with one channel", async () => {
    const dataset = await loadDataset(`folder:${folder}`, { cacheDir: folder, imageSize: 16, channels: 1 });
    expect(dataset.images.length).toBe(3 * 16 * 16);
    expect(dataset.images[0]).toBeCloseTo(luma(red), 5);
    expect(dataset.images[256 + 100]).toBeCloseTo(luma(teal), 1);
    expect(dataset.images[512 + 255]).toBeCloseTo(luma(gray), 1);
  });

  it("averages detail away when shrinking instead of aliasing", async () => {
    const stripes = new PNG({ width: 64, height: 64 });
    for (let p = 0; p < 64 * 64; p++) {
      const v = p % 2 === 0 ? 255 : 0;
      stripes.data.set([v, v, v, 255], p * 4);
    }
    await rm(folder, { recursive: true });
    await mkdir(folder);
    await writeFile(join(folder, "stripes.png"), PNG.sync.write(stripes));
    const dataset = await loadDataset(`folder:${folder}`, { cacheDir: folder, imageSize: 7, channels: 1 });
    for (const v of dataset.images) expect(Math.abs(v)).toBeLessThan(0.1);
  });

  it("treats transparent pixels as background", async () => {
    await writeFile(join(folder, "0-clear.png"), solidPng(4, 4, [255, 255, 255, 0]));
    const dataset = await loadDataset(`folder:${folder}`, { cacheDir: folder, imageSize: 4, channels: 1 });
    expect([...dataset.images.subarray(0, 16)]).toEqual(new Array(16).fill(-1));
  });

  it("names an unreadable image", async () => {
    const broken = join(folder, "nested", "broken.png");
    await writeFile(broken, solidPng(8, 8, red).subarray(0, 40));
    const error = await loadError(`folder:${folder}`);
    expect(error.code).toBe("UNREADABLE_IMAGE");
    expect(error.message).toContain(broken);

    await writeFile(broken, "plain text with a .png name");
    expect((await loadError(`folder:${folder}`)).message).toMatch(/broken\.png: neither a PNG nor a JPEG/);
  });

  it("says so when the folder has no images or does not exist", async () => {
    const empty = join(folder, "empty");
    await mkdir(empty);
    await writeFile(join(empty, "readme.md"), "no pictures here");
    const error = await loadError(`folder:${empty}`);
    expect(error.code).toBe("NO_IMAGES");
    expect(error.message).toContain(empty);

    expect((await loadError(`folder:${join(folder, "missing")}`)).code).toBe("MISSING_FILE");
  });
});
