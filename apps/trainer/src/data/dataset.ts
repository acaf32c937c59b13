/** Images kept apart from training, for evaluation (e.g. the quality score). */
export interface HeldOutImages {
  count: number;
  /** count * imageSize * imageSize * channels floats in [-1, 1], NHWC. */
  images: Float32Array;
  labels?: Uint8Array;
}

/** A training set already at the model's size and scale. */
export interface Dataset {
  /** The spec's name: "mnist-embedded", "fashion-mnist-embedded", "mnist", "fashion-mnist" or "folder:<absolute path>". */
  name: string;
  /** Number of training images (held-out images not included). */
  count: number;
  imageSize: number;
  channels: 1 | 3;
  /** SHA-256 (hex) of `images` exactly as the model sees them: float32 little-endian, NHWC. */
  contentHash: string;
  /** count * imageSize * imageSize * channels floats in [-1, 1], NHWC. */
  images: Float32Array;
  heldOut: HeldOutImages;
  /** Class of each training image, where the data set has classes. */
  labels?: Uint8Array;
  /** Name of each class by label, where the data set has classes (published as the manifest's dataset.classNames). */
  classNames?: string[];
  /** Why a data set that could have classes (a folder) has none, for --conditional's error. */
  classProblem?: string;
}

/** Bytes received so far for one file; `total` is null when the server did not say. */
export interface DownloadProgress {
  file: string;
  loaded: number;
  total: number | null;
}

export interface LoadDatasetOptions {
  /** Where downloaded files are kept between runs. */
  cacheDir: string;
  /** A folder that already holds the IDX files: they are read (and verified) there, never downloaded. */
  dataDir?: string;
  imageSize: number;
  channels: 1 | 3;
  fetchImpl?: typeof fetch;
  onProgress?: (progress: DownloadProgress) => void;
  /** Overrides the download base URL (else GANVAS_MNIST_URL / GANVAS_FASHION_MNIST_URL, else the public mirror). */
  baseUrl?: string;
  /** Overrides the known SHA-256 of the IDX files, by file name (tests serve their own files). */
  expectedSha256?: Partial<Record<string, string>>;
  /** Attempts per file, first one included (default 4). */
  attempts?: number;
  /** Delay before the first retry; it doubles on each further retry (default 1000 ms). */
  retryDelayMs?: number;
  /** Limit for one request, body included (default 120 s). */
  requestTimeoutMs?: number;
  /** Environment to read the URL overrides from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Told about one-time work such as converting an embedded data set into the cache. */
  log?: (line: string) => void;
}
