// The IDX data sets that can be downloaded. SHA-256 values and sizes are the ones TensorFlow Datasets
// publishes for these exact URLs (tensorflow_datasets/url_checksums/mnist.txt and fashion_mnist.txt).
import { CLOTHING_CLASS_NAMES, DIGIT_CLASS_NAMES } from "./class-names";

export const IDX_FILES = {
  trainImages: "train-images-idx3-ubyte.gz",
  trainLabels: "train-labels-idx1-ubyte.gz",
  testImages: "t10k-images-idx3-ubyte.gz",
  testLabels: "t10k-labels-idx1-ubyte.gz",
} as const;

export type IdxFileName = (typeof IDX_FILES)[keyof typeof IDX_FILES];

export interface IdxCatalogEntry {
  name: "mnist" | "fashion-mnist";
  defaultBaseUrl: string;
  /** Environment variable that overrides the base URL. */
  urlVariable: string;
  sha256: Record<IdxFileName, string>;
  classNames: readonly string[];
}

export const IDX_CATALOG: Record<IdxCatalogEntry["name"], IdxCatalogEntry> = {
  mnist: {
    name: "mnist",
    defaultBaseUrl: "https://storage.googleapis.com/cvdf-datasets/mnist/",
    urlVariable: "GANVAS_MNIST_URL",
    classNames: DIGIT_CLASS_NAMES,
    sha256: {
      "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", // 9,912,422 bytes
      "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", // 28,881 bytes
      "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", // 1,648,877 bytes
      "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", // 4,542 bytes
    },
  },
  "fashion-mnist": {
    name: "fashion-mnist",
    defaultBaseUrl: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
    urlVariable: "GANVAS_FASHION_MNIST_URL",
    classNames: CLOTHING_CLASS_NAMES,
    sha256: {
      "train-images-idx3-ubyte.gz": "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", // 26,421,880 bytes
      "train-labels-idx1-ubyte.gz": "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", // 29,515 bytes
      "t10k-images-idx3-ubyte.gz": "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", // 4,422,102 bytes
      "t10k-labels-idx1-ubyte.gz": "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", // 5,148 bytes
    },
  },
};
