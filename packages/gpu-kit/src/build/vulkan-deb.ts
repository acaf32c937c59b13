import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { CACHE_DIR } from "./paths";
import { run } from "./shell";

export type VulkanDeb = { file: string; version: string };

/**
 * Debian's libvulkan1 (the Vulkan loader Dawn dlopens) for amd64, for GPU machines that lack it: run.sh unpacks
 * it with `dpkg -x` into its own folder, never into /, and uses it only when the system has no libvulkan.so.1.
 */
export async function vulkanLoaderDeb(destinationDir: string): Promise<VulkanDeb> {
  const cache = join(CACHE_DIR, "debs");
  await rm(cache, { recursive: true, force: true });
  await mkdir(cache, { recursive: true });
  try {
    await run("apt-get", ["download", "libvulkan1:amd64"], { cwd: cache });
  } catch (error) {
    throw new Error(`Could not download libvulkan1 (try \`apt-get update\` first): ${(error as Error).message}`, {
      cause: error,
    });
  }
  const [deb] = (await readdir(cache)).filter((name) => name.endsWith(".deb"));
  if (!deb) throw new Error(`apt-get download left no .deb in ${cache}.`);
  const [name, version, architecture] = (
    await run("dpkg-deb", ["--show", "--showformat=${Package}\\t${Version}\\t${Architecture}", join(cache, deb)])
  ).split("\t");
  if (name !== "libvulkan1" || architecture !== "amd64")
    throw new Error(`${deb} is ${name} for ${architecture}, not libvulkan1 for amd64.`);
  await mkdir(destinationDir, { recursive: true });
  await copyFile(join(cache, deb), join(destinationDir, deb));
  return { file: deb, version: version! };
}
