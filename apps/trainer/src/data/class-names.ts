// Names of the classes of the labelled data sets, by label index; they go into every manifest as
// dataset.classNames, so that the viewer and other tools name classes without knowing the data set.

/** MNIST and the embedded digits: label n is the digit n. */
export const DIGIT_CLASS_NAMES: readonly string[] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/** Fashion-MNIST's labels 0-9, as its authors name them. */
export const CLOTHING_CLASS_NAMES: readonly string[] = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
];
