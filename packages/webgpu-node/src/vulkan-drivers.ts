import { accessSync, constants, existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/** Where the Vulkan loader looks for driver manifests (ICDs) by default on Linux. */
const STANDARD_ICD_DIRS = ["/etc/vulkan/icd.d", "/usr/local/share/vulkan/icd.d", "/usr/share/vulkan/icd.d"];

/**
 * Driver manifests the loader does not look for by default: NVIDIA's in GPU containers (the NVIDIA container
 * toolkit mounts them under /usr/local/nvidia), and SwiftShader, the CPU Vulkan driver Debian's chromium ships.
 * Hardware first: Dawn lists adapters in the order of the manifests.
 */
const EXTRA_ICD_FILES = [
  "/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json",
  "/usr/local/nvidia/icd.d/nvidia_icd.json",
  "/usr/lib/chromium/vk_swiftshader_icd.json",
];

/** Where the dynamic linker finds libraries on Linux distributions (multiarch first), besides LD_LIBRARY_PATH. */
const LIBRARY_DIRS = [
  `/usr/lib/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu`,
  `/lib/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu`,
  "/usr/lib64",
  "/lib64",
  "/usr/lib",
  "/lib",
  "/usr/local/lib",
];

/**
 * Whether the Vulkan loader (libvulkan.so.1) is installed. Dawn prints warnings on stderr when it is not, so a
 * machine without it is told why without loading Dawn at all.
 */
export function hasVulkanLoader(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform !== "linux") return true;
  const dirs = [...(env.LD_LIBRARY_PATH ?? "").split(":").filter(Boolean), ...LIBRARY_DIRS];
  return dirs.some((dir) => existsSync(join(dir, "libvulkan.so.1")));
}

/** Debian 12's lavapipe: Dawn refuses it (no shaderUniform*ArrayDynamicIndexing) and warns on every start. */
const REFUSED_BY_DAWN = /^lvp_icd\b/;

export type VulkanEnvironment = {
  /** The manifests this process tells the loader about, or null when the user chose them (VK_ICD_FILENAMES / VK_DRIVER_FILES). */
  driverFiles: string[] | null;
  /** Set when XDG_RUNTIME_DIR was missing: SwiftShader's window-system probes print errors without it. */
  runtimeDir: string | null;
};

function manifestsIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(".json") && !REFUSED_BY_DAWN.test(name))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

function isWritableDir(path: string | undefined): boolean {
  if (!path) return false;
  try {
    accessSync(path, constants.W_OK);
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Points the Vulkan loader at every driver this machine has, including the two it misses by default, unless the
 * user already chose (then their choice stands). Must run before Dawn creates its instance: the loader reads
 * the environment then. Linux only; elsewhere Dawn uses Metal or D3D12 and this does nothing.
 */
export function prepareVulkanEnvironment(env: NodeJS.ProcessEnv = process.env): VulkanEnvironment {
  if (process.platform !== "linux") return { driverFiles: null, runtimeDir: null };
  let runtimeDir: string | null = null;
  if (!isWritableDir(env.XDG_RUNTIME_DIR)) {
    runtimeDir = mkdtempSync(join(tmpdir(), "ganvas-xdg-"));
    env.XDG_RUNTIME_DIR = runtimeDir;
  }
  if (env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES) return { driverFiles: null, runtimeDir };
  const dataDirs = (env.XDG_DATA_DIRS ?? "")
    .split(":")
    .filter(Boolean)
    .map((dir) => join(dir, "vulkan", "icd.d"));
  const dirs = [...new Set([...STANDARD_ICD_DIRS, ...dataDirs, join(homedir(), ".local/share/vulkan/icd.d")])];
  const found = [...dirs.flatMap(manifestsIn), ...EXTRA_ICD_FILES.filter((file) => existsSync(file))];
  const driverFiles = [...new Set(found)];
  if (driverFiles.length > 0) env.VK_ICD_FILENAMES = driverFiles.join(":");
  return { driverFiles, runtimeDir };
}
