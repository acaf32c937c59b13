import { loadDataset } from "../data";
import { writeImageFile } from "../images/image-file";
import { defaultCacheDir } from "../paths";

export interface ExportDataFlags {
  data: string;
  dataDir?: string;
  cacheDir?: string;
  imageSize: number;
  channels: 1 | 3;
  out: string;
}

/**
 * Writes a data set's training images exactly as `train` feeds them to the networks (held-out images left
 * out) to an image file (see image-file.ts), so that another framework trains on the very same pixels.
 */
export async function exportDataCommand(flags: ExportDataFlags): Promise<void> {
  const dataset = await loadDataset(flags.data, {
    cacheDir: flags.cacheDir ?? defaultCacheDir(),
    dataDir: flags.dataDir,
    imageSize: flags.imageSize,
    channels: flags.channels,
    log: console.log,
  });
  const header = await writeImageFile(flags.out, dataset.images, dataset, {
    dataset: dataset.name,
    contentHash: dataset.contentHash,
  });
  console.log(
    `Wrote ${header.count} training images of ${dataset.name} at ${header.height}x${header.width}x${header.channels} ` +
      `(sha256 ${dataset.contentHash.slice(0, 12)}) to ${flags.out}`,
  );
}
