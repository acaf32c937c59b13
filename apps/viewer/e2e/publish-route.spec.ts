import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { Registry, type ManifestDraft } from "@ganvas/registry";
import { E2E_ROOT, HEALTHY_REGISTRY, HEALTHY_URL, MODEL, PUBLISH_REGISTRY, PUBLISHING_URL } from "./e2e-env";

type Upload = { name: string; manifest: string; files: Record<string, Buffer> };

/** A valid upload: the tiny generator the trainer published as e2e-digits@1, as if trained in a browser. */
async function validUpload(name: string): Promise<Upload> {
  const source = await new Registry(HEALTHY_REGISTRY).resolve(`${MODEL}@1`);
  const { model, dataset, training, metrics, lineage } = source.manifest;
  const manifest: ManifestDraft = {
    model,
    dataset,
    training: { ...training, backend: "browser-wasm" },
    metrics,
    lineage,
  };
  const files: Record<string, Buffer> = {};
  for (const file of ["model.json", "weights.bin", "samples.png", "losses.json"]) {
    files[file] = await readFile(path.join(source.dir, file));
  }
  return { name, manifest: JSON.stringify(manifest), files };
}

function post(request: APIRequestContext, baseUrl: string, upload: Upload) {
  const multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> = {
    name: upload.name,
    manifest: upload.manifest,
  };
  for (const [file, buffer] of Object.entries(upload.files)) {
    multipart[file] = { name: file, mimeType: "application/octet-stream", buffer };
  }
  return request.post(`${baseUrl}/api/publish`, { multipart });
}

async function expectRefused(request: APIRequestContext, upload: Upload, status: number, message: string | RegExp) {
  const response = await post(request, PUBLISHING_URL, upload);
  expect(response.status()).toBe(status);
  expect(((await response.json()) as { error: string }).error).toMatch(message);
}

function editManifest(upload: Upload, edit: (manifest: Record<string, Record<string, unknown>>) => void): Upload {
  const manifest = JSON.parse(upload.manifest) as Record<string, Record<string, unknown>>;
  edit(manifest);
  return { ...upload, manifest: JSON.stringify(manifest) };
}

test.describe("POST /api/publish", () => {
  test("is off unless the viewer runs with GANVAS_ALLOW_PUBLISH=1", async ({ request }) => {
    const response = await post(request, HEALTHY_URL, await validUpload("e2e-refused-off"));
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain("GANVAS_ALLOW_PUBLISH=1");
    expect((await new Registry(HEALTHY_REGISTRY).listModels()).map((model) => model.name)).not.toContain(
      "e2e-refused-off",
    );
  });

  test("refuses oversize uploads, malformed manifests and wrong tensor shapes, writing nothing", async ({
    request,
  }) => {
    const valid = await validUpload("e2e-refused");
    const notMultipart = await request.post(`${PUBLISHING_URL}/api/publish`, { data: { name: "e2e-refused" } });
    expect(notMultipart.status()).toBe(415);

    const oversize = { ...valid, files: { ...valid.files, "weights.bin": Buffer.alloc(9 * 1024 * 1024) } };
    await expectRefused(request, oversize, 413, "larger than 8 MiB");
    await expectRefused(request, { ...valid, manifest: "{not json" }, 400, "The manifest is not JSON");
    const noSeed = editManifest(valid, (manifest) => delete manifest.training!.seed);
    await expectRefused(request, noSeed, 400, /schema[\s\S]*training\.seed/);
    const fromNode = editManifest(valid, (manifest) => (manifest.training!.backend = "cpu"));
    await expectRefused(request, fromNode, 400, "training.backend must name the browser's backend");
    // The tiny generator's weights under a manifest whose latents are longer, or whose images are larger.
    const longerZ = editManifest(valid, (manifest) => Object.assign(manifest.model!, { zDim: 100 }));
    const shapes = /g_deconv_4\/kernel \[4, 4, 16, 16\].*needs g_deconv_4\/kernel \[4, 4, 16, 100\]/;
    await expectRefused(request, longerZ, 400, shapes);
    const larger = editManifest(valid, (manifest) => Object.assign(manifest.model!, { imageSize: 32 }));
    await expectRefused(
      request,
      larger,
      400,
      "model.json lists 12 weights; the generator of the manifest's model has 17",
    );
    const short = { ...valid, files: { ...valid.files, "weights.bin": valid.files["weights.bin"]!.subarray(4) } };
    await expectRefused(request, short, 400, "weights.bin holds");
    const noWeights = { ...valid, files: { "model.json": valid.files["model.json"]! } };
    await expectRefused(request, noWeights, 400, "The upload has no weights.bin");
    const extra = { ...valid, files: { ...valid.files, "notes.txt": Buffer.from("hello") } };
    await expectRefused(request, extra, 400, 'Unexpected form field "notes.txt"');
    await expectRefused(request, { ...valid, name: "../outside" }, 400, "Invalid model name");

    const names = async () => (await new Registry(PUBLISH_REGISTRY).listModels()).map((model) => model.name);
    expect(await names()).not.toContain("e2e-refused");
    expect(await readdir(E2E_ROOT)).not.toContain("outside");

    // The same upload, unaltered, publishes: the refusals were about what each one changed.
    const accepted = await post(request, PUBLISHING_URL, valid);
    expect(accepted.status()).toBe(201);
    const { version } = (await accepted.json()) as { version: number };
    const record = await new Registry(PUBLISH_REGISTRY).verifyVersion("e2e-refused", version);
    expect(record.manifest.training.backend).toBe("browser-wasm");
  });
});
