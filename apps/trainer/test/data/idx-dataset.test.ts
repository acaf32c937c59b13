import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatasetError, loadDataset, type DownloadProgress, type LoadDatasetOptions } from "../../src/data";
import { startFileServer, type FileServer } from "./fixtures/file-server";
import { idxImages, idxLabels, sha256, tinyMnistFiles } from "./fixtures/idx-files";

let workDir: string;
let server: FileServer;
let files: Map<string, Buffer>;
let hashes: Record<string, string>;

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), "ganvas-idx-"));
  ({ files, hashes } = tinyMnistFiles(20, 6));
  server = await startFileServer(files);
});

afterEach(async () => {
  await server.close();
  await rm(workDir, { recursive: true, force: true });
});

function options(overrides: Partial<LoadDatasetOptions> = {}): LoadDatasetOptions {
  return {
    cacheDir: join(workDir, "cache"),
    imageSize: 32,
    channels: 1,
    baseUrl: server.baseUrl,
    expectedSha256: hashes,
    retryDelayMs: 1,
    env: {},
    ...overrides,
  };
}

/** Replaces one served file, keeping the others and their hashes as they are. */
function serve(name: string, bytes: Buffer, trustedHash = sha256(bytes)): void {
  files.set(name, bytes);
  hashes[name] = trustedHash;
}

async function loadError(spec: string, opts: LoadDatasetOptions): Promise<DatasetError> {
  const error = await loadDataset(spec, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe("mnist / fashion-mnist from IDX files", () => {
  it("downloads, verifies, parses and caches the four files; a second load reads the cache", async () => {
    const progress: DownloadProgress[] = [];
    const first = await loadDataset("mnist", options({ onProgress: (p) => progress.push(p) }));

    expect(first.name).toBe("mnist");
    expect(first.count).toBe(20);
    expect(first.images.length).toBe(20 * 32 * 32);
    expect(first.heldOut.count).toBe(6);
    expect(first.heldOut.images.length).toBe(6 * 32 * 32);
    expect([...first.labels!]).toEqual(Array.from({ length: 20 }, (_, n) => n % 10));
    expect([...first.heldOut.labels!]).toEqual([0, 1, 2, 3, 4, 5]);
    // Image 3 is a constant 30/255: padded with -1 at 32x32, its centre keeps the scaled value.
    const image3 = first.images.subarray(3 * 1024, 4 * 1024);
    expect(image3[0]).toBe(-1);
    expect(image3[16 * 32 + 16]).toBeCloseTo((30 / 255) * 2 - 1, 5);
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const cached = await readdir(join(workDir, "cache", "mnist"));
    expect(cached.sort()).toEqual([...files.keys()].sort());
    for (const name of files.keys()) expect(server.hits.get(name)).toBe(1);
    const lastOfTrain = progress.filter((p) => p.file === "train-images-idx3-ubyte.gz").at(-1);
    expect(lastOfTrain).toEqual({
      file: "train-images-idx3-ubyte.gz",
      loaded: files.get("train-images-idx3-ubyte.gz")!.byteLength,
      total: files.get("train-images-idx3-ubyte.gz")!.byteLength,
    });

    const second = await loadDataset("mnist", options());
    for (const name of files.keys()) expect(server.hits.get(name)).toBe(1);
    expect(second.contentHash).toBe(first.contentHash);
  });

  it("takes the base URL from GANVAS_FASHION_MNIST_URL and caches per data set", async () => {
    const dataset = await loadDataset(
      "fashion-mnist",
      options({ baseUrl: undefined, env: { GANVAS_FASHION_MNIST_URL: server.baseUrl } }),
    );
    expect(dataset.name).toBe("fashion-mnist");
    expect((await readdir(join(workDir, "cache", "fashion-mnist"))).length).toBe(4);
  });

  it("reads --data-dir files in place, verified, without any request", async () => {
    const dataDir = join(workDir, "own");
    await mkdir(dataDir);
    for (const [name, bytes] of files) await writeFile(join(dataDir, name), bytes);
    const dataset = await loadDataset("mnist", options({ dataDir }));
    expect(dataset.count).toBe(20);
    expect(server.hits.size).toBe(0);

    await rm(join(dataDir, "t10k-labels-idx1-ubyte.gz"));
    const error = await loadError("mnist", options({ dataDir }));
    expect(error.code).toBe("MISSING_FILE");
    expect(error.message).toContain("t10k-labels-idx1-ubyte.gz");
    expect(error.message).toContain("--data-dir");
  });

  it("rejects a download whose SHA-256 differs and saves nothing", async () => {
    const error = await loadError(
      "mnist",
      options({ expectedSha256: { ...hashes, "train-images-idx3-ubyte.gz": "0".repeat(64) } }),
    );
    expect(error.code).toBe("CHECKSUM_MISMATCH");
    expect(error.message).toContain("train-images-idx3-ubyte.gz");
    expect(error.message).toContain("0".repeat(64));
    const left = await readdir(join(workDir, "cache", "mnist")).catch(() => []);
    expect(left).not.toContain("train-images-idx3-ubyte.gz");
    expect(left.filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("names a damaged cached file and says to delete it", async () => {
    await loadDataset("mnist", options());
    const cachedFile = join(workDir, "cache", "mnist", "t10k-images-idx3-ubyte.gz");
    const bytes = await readFile(cachedFile);
    await writeFile(cachedFile, bytes.subarray(0, bytes.byteLength - 10));
    const error = await loadError("mnist", options());
    expect(error.code).toBe("CHECKSUM_MISMATCH");
    expect(error.message).toContain(cachedFile);
    expect(error.message).toMatch(/delete the cached file and re-run/i);
  });

  it("reports a truncated IDX file and a truncated gzip stream by name", async () => {
    serve("train-images-idx3-ubyte.gz", gzipSync(idxImages(20).subarray(0, 16 + 19 * 784 + 100)));
    let error = await loadError("mnist", options());
    expect(error.code).toBe("CORRUPT_FILE");
    expect(error.message).toContain("train-images-idx3-ubyte.gz");
    expect(error.message).toMatch(/truncated/);
    expect(error.message).toMatch(/delete the cached file/i);

    await rm(join(workDir, "cache"), { recursive: true });
    const gz = gzipSync(idxImages(20));
    serve("train-images-idx3-ubyte.gz", gz.subarray(0, gz.byteLength / 2));
    error = await loadError("mnist", options());
    expect(error.code).toBe("CORRUPT_FILE");
    expect(error.message).toMatch(/train-images-idx3-ubyte\.gz: not a valid gzip file/);
  });

  it("rejects wrong magic numbers, wrong image sizes and label counts that do not match", async () => {
    serve("train-labels-idx1-ubyte.gz", gzipSync(idxLabels(20, 2051)));
    let error = await loadError("mnist", options());
    expect(error.message).toMatch(/train-labels-idx1-ubyte\.gz: wrong IDX magic number 2051 \(expected 2049\)/);

    await rm(join(workDir, "cache"), { recursive: true });
    serve("train-labels-idx1-ubyte.gz", gzipSync(idxLabels(20)));
    serve("t10k-images-idx3-ubyte.gz", gzipSync(idxImages(6, 32)));
    error = await loadError("mnist", options());
    expect(error.message).toMatch(/t10k-images-idx3-ubyte\.gz: images are 32x32, expected 28x28/);

    await rm(join(workDir, "cache"), { recursive: true });
    serve("t10k-images-idx3-ubyte.gz", gzipSync(idxImages(6)));
    serve("t10k-labels-idx1-ubyte.gz", gzipSync(idxLabels(5)));
    error = await loadError("mnist", options());
    expect(error.message).toMatch(/has 5 labels but .* has 6 images/);
  });

  it("retries a failing server, then stops with a clear error", async () => {
    server.failNext("train-images-idx3-ubyte.gz", Number.POSITIVE_INFINITY, 500);
    const error = await loadError("mnist", options({ attempts: 3 }));
    expect(error.code).toBe("DOWNLOAD_FAILED");
    expect(error.message).toContain("train-images-idx3-ubyte.gz");
    expect(error.message).toMatch(/after 3 attempt\(s\) \(last: HTTP 500/);
    expect(error.message).toContain("GANVAS_MNIST_URL");
    expect(server.hits.get("train-images-idx3-ubyte.gz")).toBe(3);
  });

  it("succeeds when a 500 is followed by a 200", async () => {
    server.failNext("train-labels-idx1-ubyte.gz", 1, 500);
    server.failNext("t10k-labels-idx1-ubyte.gz", 2, 503);
    const dataset = await loadDataset("mnist", options({ attempts: 3 }));
    expect(dataset.count).toBe(20);
    expect(server.hits.get("train-labels-idx1-ubyte.gz")).toBe(2);
    expect(server.hits.get("t10k-labels-idx1-ubyte.gz")).toBe(3);
  });

  it("does not retry a 404 and gives up on a server that never answers", async () => {
    server.failNext("train-images-idx3-ubyte.gz", 1, 404);
    let error = await loadError("mnist", options({ attempts: 3 }));
    expect(error.message).toMatch(/after 1 attempt\(s\) \(last: HTTP 404/);
    expect(server.hits.get("train-images-idx3-ubyte.gz")).toBe(1);

    server.hang("train-images-idx3-ubyte.gz");
    error = await loadError("mnist", options({ attempts: 2, requestTimeoutMs: 200 }));
    expect(error.code).toBe("DOWNLOAD_FAILED");
    expect(error.message).toMatch(/no complete answer within 200 ms/);
  });

  it("verifies against the published SHA-256 values by default", async () => {
    const error = await loadError("mnist", options({ expectedSha256: undefined }));
    expect(error.code).toBe("CHECKSUM_MISMATCH");
    expect(error.message).toContain("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609");
  });
});
