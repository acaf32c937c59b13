import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { loadLayersModel } from "@tensorflow/tfjs-layers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGenerator, sampleLatent, type DcganConfig } from "@ganvas/core";
import { saveGenerator } from "../src/save-generator";
import { startStaticServer, type StaticServer } from "../src/static-server";

const tiny: DcganConfig = { imageSize: 8, channels: 1, zDim: 4, generatorWidth: 2, discriminatorWidth: 2 };

describe("saveGenerator", () => {
  let directory: string;
  let server: StaticServer;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "bench-model-"));
    await saveGenerator(tiny, join(directory, "tiny"));
    server = await startStaticServer({ models: directory });
  });

  afterAll(async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("writes core's generator in the layers format, which loads over HTTP and generates what the original does", async () => {
    const loaded = await loadLayersModel(`${server.url}/models/tiny/model.json`);
    const original = buildGenerator(tiny, 1);
    const z = tf.tensor2d(sampleLatent(3, 2, tiny.zDim), [2, tiny.zDim]);
    const fromFile = loaded.predict(z) as tf.Tensor;
    const expected = original.predict(z) as tf.Tensor;
    expect(fromFile.shape).toEqual([2, 8, 8, 1]);
    expect(Array.from(await fromFile.data())).toEqual(Array.from(await expected.data()));
    tf.dispose([z, fromFile, expected]);
    loaded.dispose();
    original.dispose();
  });
});
