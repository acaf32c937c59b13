import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultRegistryRoot } from "../src/index";

describe("defaultRegistryRoot", () => {
  it("prefers GANVAS_REGISTRY, resolved against the working folder", () => {
    expect(defaultRegistryRoot({ env: { GANVAS_REGISTRY: "/srv/models" }, cwd: "/anywhere" })).toBe("/srv/models");
    expect(defaultRegistryRoot({ env: { GANVAS_REGISTRY: "reg" }, cwd: "/work/x" })).toBe("/work/x/reg");
  });

  it("uses <repo root>/registry from any folder inside the workspace, else ./registry", async () => {
    const repo = await mkdtemp(join(tmpdir(), "ganvas-repo-"));
    try {
      await writeFile(join(repo, "pnpm-workspace.yaml"), "packages: []\n");
      const deep = join(repo, "apps", "viewer", "src");
      await mkdir(deep, { recursive: true });
      expect(defaultRegistryRoot({ env: {}, cwd: deep })).toBe(join(repo, "registry"));
      expect(defaultRegistryRoot({ env: { GANVAS_REGISTRY: "" }, cwd: repo })).toBe(join(repo, "registry"));
      const outside = await mkdtemp(join(tmpdir(), "ganvas-loose-"));
      expect(defaultRegistryRoot({ env: {}, cwd: outside })).toBe(join(outside, "registry"));
      await rm(outside, { recursive: true });
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});
