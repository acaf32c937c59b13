// An uploaded generator must be the network core builds for the manifest's model: model.json in the tfjs
// layers format with one weights file, whose weights have exactly the names and shapes of that network, and
// weights.bin exactly as long as they need. Anything else would load as garbage or fail in every browser.
import { ConfigError, type DcganConfig } from "@ganvas/core/config";
import { generatorWeightShapes } from "@ganvas/core/generator-shapes";
import { UploadError } from "@/lib/publish/upload-error";

type WeightSpec = { name?: unknown; shape?: unknown; dtype?: unknown; quantization?: unknown };

const refuse = (message: string) => new UploadError(400, message);
const shapeText = (shape: readonly unknown[]) => `[${shape.join(", ")}]`;

function parseModelJson(bytes: Uint8Array): { paths: unknown; weights: WeightSpec[] } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw refuse(`model.json is not JSON (${(error as Error).message}): upload the file the page downloads.`);
  }
  const { format, modelTopology, weightsManifest } = (json ?? {}) as Record<string, unknown>;
  if (format !== "layers-model" || typeof modelTopology !== "object" || modelTopology === null) {
    throw refuse('model.json is not a tfjs layers model (format "layers-model" with a modelTopology).');
  }
  if (!Array.isArray(weightsManifest) || weightsManifest.length !== 1) {
    throw refuse("model.json must list its weights in one weights manifest group (one weights.bin).");
  }
  const group = weightsManifest[0] as { paths?: unknown; weights?: unknown };
  if (!Array.isArray(group.weights)) throw refuse("model.json's weights manifest has no list of weights.");
  return { paths: group.paths, weights: group.weights as WeightSpec[] };
}

/** Throws an UploadError (400) naming the first thing that does not match the manifest's generator. */
export function checkGenerator(config: DcganConfig, modelJson: Uint8Array, weights: Uint8Array): void {
  let expected;
  try {
    expected = generatorWeightShapes(config);
  } catch (error) {
    if (error instanceof ConfigError) throw refuse(`The manifest's model cannot be built: ${error.message}`);
    throw error;
  }
  const group = parseModelJson(modelJson);
  if (JSON.stringify(group.paths) !== JSON.stringify(["weights.bin"])) {
    throw refuse('model.json must name its weights file "weights.bin", the file uploaded with it.');
  }
  if (group.weights.length !== expected.length) {
    throw refuse(
      `model.json lists ${group.weights.length} weights; the generator of the manifest's model has ${expected.length}.`,
    );
  }
  let floats = 0;
  expected.forEach(({ name, shape }, index) => {
    const spec = group.weights[index]!;
    const specShape = Array.isArray(spec.shape) ? spec.shape : [];
    if (spec.name !== name || shapeText(specShape) !== shapeText(shape)) {
      throw refuse(
        `Weight ${index + 1} of model.json is ${String(spec.name)} ${shapeText(specShape)}; the manifest's model needs ${name} ${shapeText(shape)}.`,
      );
    }
    if (spec.dtype !== "float32" || spec.quantization !== undefined) {
      throw refuse(`Weight ${name} must be stored as unquantised float32.`);
    }
    floats += shape.reduce((size, dimension) => size * dimension, 1);
  });
  if (weights.byteLength !== floats * 4) {
    throw refuse(`weights.bin holds ${weights.byteLength} bytes; model.json's weights need ${floats * 4}.`);
  }
}
