import { describe, expect, it } from "vitest";
import { DatasetError, datasetSpecHelp, loadDataset } from "../../src/data";

async function loadError(spec: string, imageSize = 32, channels: 1 | 3 = 1): Promise<DatasetError> {
  const error = await loadDataset(spec, { cacheDir: "unused", imageSize, channels }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe("loadDataset specs", () => {
  it("lists every spec in the help text", () => {
    for (const spec of ["mnist-embedded", "mnist", "fashion-mnist", "folder:<path>"])
      expect(datasetSpecHelp).toContain(spec);
    expect(datasetSpecHelp).toContain("GANVAS_MNIST_URL");
    expect(datasetSpecHelp).toContain("GANVAS_FASHION_MNIST_URL");
  });

  it("rejects an unknown spec and shows the accepted ones", async () => {
    const error = await loadError("cifar10");
    expect(error.code).toBe("UNKNOWN_SPEC");
    expect(error.message).toContain('Unknown data set "cifar10"');
    expect(error.message).toContain("fashion-mnist");
    expect((await loadError("folder:")).code).toBe("UNKNOWN_SPEC");
  });

  it("rejects sizes and channel counts the models cannot use", async () => {
    expect((await loadError("mnist-embedded", 0)).message).toMatch(/Image size must be a positive integer, got 0/);
    expect((await loadError("mnist-embedded", 32, 2 as 1)).message).toMatch(/Channels must be 1 or 3, got 2/);
  });
});
