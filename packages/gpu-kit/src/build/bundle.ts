import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as esbuild from "esbuild";
import { PACKAGE_DIR, REPO_ROOT } from "./paths";

/** Loaded by Node from the kit's node_modules, or never on the GPU machine (CPU-only natives). */
const EXTERNAL = [
  "webgpu",
  "onnxruntime-node",
  "onnxruntime-common",
  "@tensorflow/tfjs-node",
  "@tensorflow/tfjs-node-gpu",
];
/** Imported lazily by @ganvas/webgpu-node, yet it must be in the bundle (it shares the bundle's tfjs-core). */
const BUNDLED_OPTIONAL = ["@tensorflow/tfjs-backend-webgpu"];
/** CommonJS dependencies call `require` for Node's built-ins; an ESM bundle has none unless it makes one. */
const REQUIRE_SHIM =
  "import { createRequire as __kitCreateRequire } from 'node:module'; const require = __kitCreateRequire(import.meta.url);";

export type BundleReport = { file: string; bytes: number; inputs: number };

async function bundle(entry: string, outfile: string): Promise<BundleReport> {
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: EXTERNAL,
    banner: { js: REQUIRE_SHIM },
    // Node runs every module it imports; tfjs-backend-cpu's "sideEffects" list omits its Node build, so esbuild
    // would drop `import "@tensorflow/tfjs-backend-cpu"` (the import that registers the backend).
    ignoreAnnotations: true,
    metafile: true,
    legalComments: "eof",
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs);
  for (const name of BUNDLED_OPTIONAL) {
    if (!inputs.some((path) => path.includes(`/${name}/`)))
      throw new Error(`${outfile} does not contain ${name}: its lazy import is no longer a literal import().`);
  }
  // Two copies of tfjs-core would mean two engines: a backend registered in one is unknown to the other.
  const tfjsCores = new Set(
    inputs
      .filter((path) => path.includes("/@tensorflow/tfjs-core/"))
      .map((path) => path.split("/@tensorflow/tfjs-core/")[0]),
  );
  if (tfjsCores.size !== 1) throw new Error(`${outfile} holds ${tfjsCores.size} copies of @tensorflow/tfjs-core.`);
  return {
    file: outfile,
    bytes: result.metafile.outputs[Object.keys(result.metafile.outputs)[0]!]!.bytes,
    inputs: inputs.length,
  };
}

/** The trainer's CLI as one file, and the kit's own tool (GPU check, step timing, figures) as another. */
export async function bundleApps(appDir: string): Promise<BundleReport[]> {
  return [
    await bundle(join(REPO_ROOT, "apps", "trainer", "src", "cli.ts"), join(appDir, "trainer.mjs")),
    await bundle(join(PACKAGE_DIR, "src", "device", "kit-tools.ts"), join(appDir, "kit-tools.mjs")),
  ];
}

/**
 * @ganvas/onnx-kernels loads onnx-proto with createRequire when it is imported (the trainer imports it for its
 * CPU backend), so Node must find it even where onnxruntime is absent: ship it as one CommonJS file.
 */
export async function bundleOnnxProto(nodeModules: string): Promise<BundleReport> {
  const fromOnnxKernels = createRequire(join(REPO_ROOT, "packages", "onnx-kernels", "package.json"));
  const manifestPath = fromOnnxKernels.resolve("onnx-proto/package.json");
  const { version } = fromOnnxKernels(manifestPath) as { version: string };
  const folder = join(nodeModules, "onnx-proto");
  await mkdir(folder, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [fromOnnxKernels.resolve("onnx-proto")],
    outfile: join(folder, "index.js"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    metafile: true,
    logLevel: "warning",
  });
  await writeFile(
    join(folder, "package.json"),
    `${JSON.stringify({ name: "onnx-proto", version, main: "index.js", description: `bundled from ${dirname(manifestPath)}` }, null, 2)}\n`,
  );
  const output = Object.values(result.metafile.outputs)[0]!;
  return { file: join(folder, "index.js"), bytes: output.bytes, inputs: Object.keys(result.metafile.inputs).length };
}
