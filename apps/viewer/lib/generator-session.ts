// A loaded generator plus the core latent utilities: turns seeds (and, for a conditional generator, classes)
// into pixels. It receives the tfjs and @ganvas/core/latent modules from lib/tfjs-client (which imports them
// lazily), so it holds only types itself.
import type * as TfCore from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import type * as CoreLatent from "@ganvas/core/latent";
import type { BackendChoice } from "@/lib/backend-choice";
import type { ClassChoice } from "@/lib/class-choice";

export type InterpolationMode = "slerp" | "lerp";

export type GridResult = { image: ImageData; ms: number };
export type InterpolationResult = { frames: ImageData[]; endpoints: [ImageData, ImageData]; ms: number };
/** The DCGAN paper's picture: each group's mean latent drawn, and mean(A) - mean(B) + mean(C). */
export type ArithmeticResult = { means: [ImageData, ImageData, ImageData]; result: ImageData; ms: number };

/** Frames per predict call: big enough to amortise the call, small enough to keep the page responsive. */
const FRAME_BATCH = 16;

export class GeneratorSession {
  constructor(
    private readonly tf: typeof TfCore,
    private readonly core: typeof CoreLatent,
    private readonly model: LayersModel,
    readonly zDim: number,
    /** Classes of a class-conditional generator (its input is z followed by a one-hot class); null otherwise. */
    readonly numClasses: number | null,
    readonly backend: BackendChoice,
  ) {}

  /**
   * `count` images from sampleLatent(seed, count, zDim), tiled `columns` wide. A conditional generator draws
   * them all in the chosen class, or with "all" one row of the seed's first `columns` latents per class.
   */
  async sampleGrid(seed: number, count: number, columns: number, classChoice: ClassChoice = 0): Promise<GridResult> {
    const start = performance.now();
    const { numClasses, zDim } = this;
    const rows =
      numClasses !== null && classChoice === "all"
        ? this.core.classGridLatents(seed, columns, zDim, numClasses)
        : this.withClass(this.core.sampleLatent(seed, count, zDim), classChoice === "all" ? 0 : classChoice);
    const images = this.predict(rows);
    try {
      const image = await this.toImageData(images, columns);
      return { image, ms: performance.now() - start };
    } finally {
      images.dispose();
    }
  }

  /**
   * Every frame of the path between the seeds' latents, plus the endpoints rendered from the seeds alone; a
   * conditional generator draws them all in class `classLabel`.
   */
  async interpolate(
    seedA: number,
    seedB: number,
    frameCount: number,
    mode: InterpolationMode,
    classLabel = 0,
  ): Promise<InterpolationResult> {
    const start = performance.now();
    const a = this.core.sampleLatent(seedA, 1, this.zDim);
    const b = this.core.sampleLatent(seedB, 1, this.zDim);
    const path = this.core.interpolationPath(a, b, frameCount, mode).map((z) => this.withClass(z, classLabel));
    const frames = await this.renderInBatches(path);
    const [imageA, imageB] = await this.renderEach([this.withClass(a, classLabel), this.withClass(b, classLabel)]);
    if (!imageA || !imageB) throw new Error("The generator returned fewer images than latents.");
    return { frames, endpoints: [imageA, imageB], ms: performance.now() - start };
  }

  /**
   * A conditional generator's path from class `from` to class `to` at one fixed z (the seed's first latent):
   * the class input blends from one one-hot to the other, so only the class changes along it.
   */
  async interpolateClasses(seed: number, from: number, to: number, frameCount: number): Promise<InterpolationResult> {
    const numClasses = this.requireClasses();
    const start = performance.now();
    const z = this.core.sampleLatent(seed, 1, this.zDim);
    const path = Array.from({ length: frameCount }, (_, index) =>
      this.core.conditionalLatents(z, this.zDim, this.core.classCode(numClasses, from, to, index / (frameCount - 1))),
    );
    const frames = await this.renderInBatches(path);
    const first = frames[0];
    const last = frames[frames.length - 1];
    if (!first || !last) throw new Error("The generator returned fewer images than latents.");
    return { frames, endpoints: [first, last], ms: performance.now() - start };
  }

  /** The seed's first `count` samples, one image each (the same samples as the first of its grid). */
  async sampleTiles(seed: number, count: number, classLabel = 0): Promise<ImageData[]> {
    return this.renderEach(this.seedLatents(seed, count).map((z) => this.withClass(z, classLabel)));
  }

  /** The point at `t` (one loop per unit) of core's seeded looping walk, drawn. */
  async walkFrame(walkSeed: number, t: number, classLabel = 0): Promise<ImageData> {
    const [image] = await this.renderEach([this.withClass(this.core.loopingWalk(walkSeed, this.zDim)(t), classLabel)]);
    if (!image) throw new Error("The generator returned no image.");
    return image;
  }

  /**
   * Vector arithmetic on the seed's first `count` samples: groups of sample indices A, B and C (none empty),
   * their mean latents and mean(A) - mean(B) + mean(C), drawn.
   */
  async arithmetic(
    seed: number,
    count: number,
    groups: readonly [number[], number[], number[]],
    classLabel = 0,
  ): Promise<ArithmeticResult> {
    const start = performance.now();
    const latents = this.seedLatents(seed, count);
    const members = groups.map((indices) =>
      indices.map((index) => {
        const z = latents[index];
        if (!z) throw new RangeError(`Sample ${index} is not among the ${count} samples.`);
        return z;
      }),
    );
    const [a, b, c] = members as [Float32Array[], Float32Array[], Float32Array[]];
    const means = members.map((group) => this.core.latentMean(group));
    const rows = [...means, this.core.latentArithmetic(a, b, c)].map((z) => this.withClass(z, classLabel));
    const [meanA, meanB, meanC, result] = await this.renderEach(rows);
    if (!meanA || !meanB || !meanC || !result) throw new Error("The generator returned fewer images than latents.");
    return { means: [meanA, meanB, meanC], result, ms: performance.now() - start };
  }

  dispose(): void {
    this.model.dispose();
  }

  /** sampleLatent(seed, count) split into its `count` latents. */
  private seedLatents(seed: number, count: number): Float32Array[] {
    const flat = this.core.sampleLatent(seed, count, this.zDim);
    return Array.from({ length: count }, (_, index) => flat.subarray(index * this.zDim, (index + 1) * this.zDim));
  }

  private requireClasses(): number {
    if (this.numClasses === null) throw new Error("This generator is not class-conditional.");
    return this.numClasses;
  }

  /** The generator's input rows for latent rows: themselves, or each followed by the class's one-hot code. */
  private withClass(latents: Float32Array, classLabel: number): Float32Array {
    if (this.numClasses === null) return latents;
    return this.core.conditionalLatents(latents, this.zDim, this.core.classCode(this.numClasses, classLabel));
  }

  private get inputSize(): number {
    return this.zDim + (this.numClasses ?? 0);
  }

  /** Many inputs, FRAME_BATCH per predict call, letting the page paint between batches. */
  private async renderInBatches(inputs: Float32Array[]): Promise<ImageData[]> {
    const frames: ImageData[] = [];
    for (let first = 0; first < inputs.length; first += FRAME_BATCH) {
      frames.push(...(await this.renderEach(inputs.slice(first, first + FRAME_BATCH))));
      await this.tf.nextFrame(); // let the page paint and stay scrollable between batches
    }
    return frames;
  }

  /** One predict call for all input rows; one ImageData per row. */
  private async renderEach(inputs: readonly Float32Array[]): Promise<ImageData[]> {
    const batch = new Float32Array(inputs.length * this.inputSize);
    inputs.forEach((row, index) => batch.set(row, index * this.inputSize));
    const images = this.predict(batch);
    try {
      const rendered: ImageData[] = [];
      for (let index = 0; index < inputs.length; index += 1) {
        const single = this.tf.slice(images, [index, 0, 0, 0], [1, -1, -1, -1]);
        try {
          rendered.push(await this.toImageData(single, 1));
        } finally {
          single.dispose();
        }
      }
      return rendered;
    } finally {
      images.dispose();
    }
  }

  private predict(rows: Float32Array): TfCore.Tensor4D {
    return this.tf.tidy(() => {
      const input = this.tf.tensor2d(rows, [rows.length / this.inputSize, this.inputSize]);
      return this.model.predict(input) as TfCore.Tensor4D;
    });
  }

  private async toImageData(images: TfCore.Tensor4D, columns: number): Promise<ImageData> {
    const grid = await this.core.toImageGrid(images, columns);
    return new ImageData(new Uint8ClampedArray(grid.data), grid.width, grid.height);
  }
}
