import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasVulkanLoader, prepareVulkanEnvironment } from "../src/vulkan-drivers";

describe.runIf(process.platform === "linux")("prepareVulkanEnvironment", () => {
  it("keeps the drivers a user chose", () => {
    const env: NodeJS.ProcessEnv = { VK_ICD_FILENAMES: "/opt/my_icd.json", XDG_RUNTIME_DIR: tmpdir() };
    expect(prepareVulkanEnvironment(env)).toEqual({ driverFiles: null, runtimeDir: null });
    expect(env.VK_ICD_FILENAMES).toBe("/opt/my_icd.json");
  });

  it("gives a missing or unwritable XDG_RUNTIME_DIR a private folder", () => {
    for (const runtime of [undefined, join(mkdtempSync(join(tmpdir(), "x-")), "missing")]) {
      const env: NodeJS.ProcessEnv = { VK_DRIVER_FILES: "/opt/my_icd.json", XDG_RUNTIME_DIR: runtime };
      const { runtimeDir } = prepareVulkanEnvironment(env);
      expect(runtimeDir).not.toBeNull();
      expect(env.XDG_RUNTIME_DIR).toBe(runtimeDir);
      expect(statSync(runtimeDir!).isDirectory()).toBe(true);
    }
  });

  it("lists the machine's driver manifests, never lavapipe, and hands them to the loader", () => {
    const env: NodeJS.ProcessEnv = { XDG_RUNTIME_DIR: tmpdir(), XDG_DATA_DIRS: "/nonexistent" };
    const { driverFiles } = prepareVulkanEnvironment(env);
    expect(driverFiles).not.toBeNull();
    expect(driverFiles!.some((file) => /lvp_icd/.test(file))).toBe(false);
    expect(env.VK_ICD_FILENAMES).toBe(driverFiles!.length > 0 ? driverFiles!.join(":") : undefined);
  });

  it("finds the Vulkan loader where the dynamic linker would, LD_LIBRARY_PATH included", () => {
    const dir = mkdtempSync(join(tmpdir(), "vk-"));
    const onSystem = hasVulkanLoader({});
    expect(hasVulkanLoader({ LD_LIBRARY_PATH: dir })).toBe(onSystem);
    writeFileSync(join(dir, "libvulkan.so.1"), "");
    expect(hasVulkanLoader({ LD_LIBRARY_PATH: `/nonexistent:${dir}` })).toBe(true);
  });
});
