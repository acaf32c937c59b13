import { PNG } from "pngjs";

/** A 12x12 grey image whose brightness depends on `index`: a folder data set of distinct images. */
export function greyPng(index: number): Buffer {
  const png = new PNG({ width: 12, height: 12 });
  for (let pixel = 0; pixel < 144; pixel++) {
    const value = (index * 37 + pixel * 11) % 256;
    png.data.set([value, value, value, 255], pixel * 4);
  }
  return PNG.sync.write(png);
}
