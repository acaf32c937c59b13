import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { REPO_ROOT } from "./paths";

export type DawnBindings = { version: string; dawnNodeBytes: number; gzipBytes: number };

/**
 * The npm package webgpu as the bundles import it: its index.js (which loads dist/<platform>-<arch>/dawn.node
 * relative to itself) and package.json, with only the Linux x64 addon, gzipped (run.sh unpacks it).
 */
export async function dawnBindings(nodeModules: string): Promise<DawnBindings> {
  const fromWebGpuNode = createRequire(join(REPO_ROOT, "packages", "webgpu-node", "package.json"));
  const source = dirname(fromWebGpuNode.resolve("webgpu/package.json"));
  const target = join(nodeModules, "webgpu");
  await mkdir(join(target, "dist", "linux-x64"), { recursive: true });
  for (const file of ["index.js", "package.json", "LICENSE.md"]) await copyFile(join(source, file), join(target, file));
  const addon = await readFile(join(source, "dist", "linux-x64", "dawn.node"));
  const packed = gzipSync(addon, { level: 9 });
  await writeFile(join(target, "dist", "linux-x64", "dawn.node.gz"), packed);
  const { version } = JSON.parse(await readFile(join(source, "package.json"), "utf8")) as { version: string };
  return { version, dawnNodeBytes: addon.length, gzipBytes: packed.length };
}
