import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";

/** The two files of the tfjs layers format: what `tf.loadLayersModel(url)` fetches in a browser. */
export interface LayersModelFiles {
  modelJson: string;
  weights: Uint8Array;
}

export const WEIGHTS_FILE = "weights.bin";

/** Serialises a layers model to `model.json` + one weights shard named {@link WEIGHTS_FILE}. */
export async function serializeLayersModel(model: tfl.LayersModel): Promise<LayersModelFiles> {
  let files: LayersModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      const buffer =
        weightData === undefined
          ? new ArrayBuffer(0)
          : Array.isArray(weightData)
            ? tf.io.concatenateArrayBuffers(weightData)
            : weightData;
      const modelJson = {
        format: "layers-model",
        generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
      };
      files = { modelJson: JSON.stringify(modelJson), weights: new Uint8Array(buffer) };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!files) throw new Error("tfjs did not hand the model artifacts to the save handler");
  return files;
}

/** Loads a layers model from the files {@link serializeLayersModel} wrote, without any HTTP or fs handler. */
export async function deserializeLayersModel(files: LayersModelFiles): Promise<tfl.LayersModel> {
  const json = JSON.parse(files.modelJson) as {
    modelTopology: object;
    weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }>;
  };
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const weightData = files.weights.buffer.slice(
    files.weights.byteOffset,
    files.weights.byteOffset + files.weights.byteLength,
  ) as ArrayBuffer;
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
}
