import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultRegistryLocation } from "../src/index";

describe("defaultRegistryLocation", () => {
  it("prefers GANVAS_REGISTRY, resolved against the working folder", () => {
    expect(defaultRegistryLocation({ env: { GANVAS_REGISTRY: "/srv/models" }, cwd: "/anywhere" })).toBe("/srv/models");
    expect(defaultRegistryLocation({ env: { GANVAS_REGISTRY: "reg" }, cwd: "/work/x" })).toBe("/work/x/reg");
    const database = "postgres://ganvas@db.internal:5432/models";
    expect(defaultRegistryLocation({ env: { GANVAS_REGISTRY: database }, cwd: "/work/x" })).toBe(database);
  });

  it("uses <repo root>/registry from any folder inside the workspace, else ./registry", async () => {
    const repo = await mkdtemp(join(tmpdir(), "ganvas-repo-"));
    try {
      await writeFile(join(repo, "pnpm-workspace.yaml"), "packages: []\n");
      const deep = join(repo, "apps", "viewer", "src");
      await mkdir(deep, { recursive: true });
      expect(defaultRegistryLocation({ env: {}, cwd: deep })).toBe(join(repo, "registry"));
      expect(defaultRegistryLocation({ env: { GANVAS_REGISTRY: "" }, cwd: repo })).toBe(join(repo, "registry"));
      const outside = await mkdtemp(join(tmpdir(), "ganvas-loose-"));
      expect(defaultRegistryLocation({ env: {}, cwd: outside })).toBe(join(outside, "registry"));
      await rm(outside, { recursive: true });
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});
