// A loaded generator plus the core latent utilities: turns seeds into pixels. It receives the tfjs and
// @ganvas/core/latent modules from lib/tfjs-client (which imports them lazily), so it holds only types itself.
import type * as TfCore from "@tensorflow/tfjs-core";
import type { LayersModel } from "@tensorflow/tfjs-layers";
import type * as CoreLatent from "@ganvas/core/latent";
import type { BackendChoice } from "@/lib/backend-choice";

export type InterpolationMode = "slerp" | "lerp";

export type GridResult = { image: ImageData; ms: number };
export type InterpolationResult = { frames: ImageData[]; endpoints: [ImageData, ImageData]; ms: number };

/** Frames per predict call: big enough to amortise the call, small enough to keep the page responsive. */
const FRAME_BATCH = 16;

export class GeneratorSession {
  constructor(
    private readonly tf: typeof TfCore,
    private readonly core: typeof CoreLatent,
    private readonly model: LayersModel,
    readonly zDim: number,
    readonly backend: BackendChoice,
  ) {}

  /** `count` images from sampleLatent(seed, count, zDim), tiled `columns` wide. */
  async sampleGrid(seed: number, count: number, columns: number): Promise<GridResult> {
    const start = performance.now();
    const images = this.predict(this.core.sampleLatent(seed, count, this.zDim), count);
    try {
      const image = await this.toImageData(images, columns);
      return { image, ms: performance.now() - start };
    } finally {
      images.dispose();
    }
  }

  /** Every frame of the path between the seeds' latents, plus the endpoints rendered from the seeds alone. */
  async interpolate(
    seedA: number,
    seedB: number,
    frameCount: number,
    mode: InterpolationMode,
  ): Promise<InterpolationResult> {
    const start = performance.now();
    const a = this.core.sampleLatent(seedA, 1, this.zDim);
    const b = this.core.sampleLatent(seedB, 1, this.zDim);
    const path = this.core.interpolationPath(a, b, frameCount, mode);
    const frames: ImageData[] = [];
    for (let first = 0; first < path.length; first += FRAME_BATCH) {
      frames.push(...(await this.renderEach(path.slice(first, first + FRAME_BATCH))));
      await this.tf.nextFrame(); // let the page paint and stay scrollable between batches
    }
    const [imageA, imageB] = await this.renderEach([a, b]);
    if (!imageA || !imageB) throw new Error("The generator returned fewer images than latents.");
    return { frames, endpoints: [imageA, imageB], ms: performance.now() - start };
  }

  dispose(): void {
    this.model.dispose();
  }

  /** One predict call for all latents; one ImageData per latent. */
  private async renderEach(latents: Float32Array[]): Promise<ImageData[]> {
    const batch = new Float32Array(latents.length * this.zDim);
    latents.forEach((z, index) => batch.set(z, index * this.zDim));
    const images = this.predict(batch, latents.length);
    try {
      const rendered: ImageData[] = [];
      for (let index = 0; index < latents.length; index += 1) {
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

  private predict(latents: Float32Array, count: number): TfCore.Tensor4D {
    return this.tf.tidy(() => {
      const z = this.tf.tensor2d(latents, [count, this.zDim]);
      return this.model.predict(z) as TfCore.Tensor4D;
    });
  }

  private async toImageData(images: TfCore.Tensor4D, columns: number): Promise<ImageData> {
    const grid = await this.core.toImageGrid(images, columns);
    return new ImageData(new Uint8ClampedArray(grid.data), grid.width, grid.height);
  }
}
