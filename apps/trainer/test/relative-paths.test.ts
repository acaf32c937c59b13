import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Registry } from "@ganvas/registry";
import { runPnpmStart } from "./support/pnpm-start";

// The user's folder: pnpm runs the script in apps/trainer, and says where the user was in INIT_CWD.
let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "ganvas-cwd-"));
  await mkdir(join(cwd, "faces"));
  for (let i = 0; i < 4; i++) {
    const png = new PNG({ width: 8, height: 8 });
    png.data.fill(40 * i + 20);
    await writeFile(join(cwd, "faces", `face-${i}.png`), PNG.sync.write(png));
  }
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = {}) => runPnpmStart(args, { cwd, env });
const tiny = ["--preset", "tiny", "--backend", "cpu"];

describe("relative paths resolve against the folder the user ran pnpm in", () => {
  it("folder:./faces, --registry ./reg, --out grid.png, --resume ./reg/runs/<run>, GANVAS_REGISTRY=./reg", async () => {
    const train = await run([
      "train",
      "--data",
      "folder:./faces",
      ...tiny,
      "--batch-size",
      "4",
      "--max-steps",
      "1",
      "--registry",
      "./reg",
      "--name",
      "faces",
    ]);
    expect(train.stderr).not.toContain("error:");
    expect(train.code).toBe(0);
    expect((await new Registry(join(cwd, "reg")).resolve("faces")).manifest.dataset.name).toBe(
      `folder:${join(cwd, "faces")}`,
    );

    const sample = await run([
      "sample",
      "faces",
      "--registry",
      "./reg",
      "--backend",
      "cpu",
      "--count",
      "4",
      "--out",
      "grid.png",
    ]);
    expect(sample.code).toBe(0);
    expect(existsSync(join(cwd, "grid.png"))).toBe(true);

    const [runName] = await readdir(join(cwd, "reg", "runs"));
    const resumed = await run([
      "train",
      "--registry",
      "./reg",
      "--resume",
      `./reg/runs/${runName}`,
      "--max-steps",
      "2",
    ]);
    expect(resumed.stderr).not.toContain("error:");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("Published faces@2");

    const list = await run(["registry", "list"], { GANVAS_REGISTRY: "./reg" });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/faces\s+2\s+latest/);
  });

  it("--data-dir ./idx and --cache-dir ./cache", async () => {
    await mkdir(join(cwd, "idx"));
    const dataDir = await run(["train", "--data", "mnist", "--data-dir", "./idx", ...tiny, "--registry", "./reg"]);
    expect(dataDir.code).not.toBe(0);
    expect(dataDir.stderr).toContain(`is not in the data folder ${join(cwd, "idx")}`);

    await mkdir(join(cwd, "cache", "mnist"), { recursive: true });
    await writeFile(join(cwd, "cache", "mnist", "train-images-idx3-ubyte.gz"), "not the MNIST file");
    const cacheDir = await run(["train", "--data", "mnist", "--cache-dir", "./cache", ...tiny, "--registry", "./reg"]);
    expect(cacheDir.code).not.toBe(0);
    expect(cacheDir.stderr).toContain(join(cwd, "cache", "mnist", "train-images-idx3-ubyte.gz"));
  });
});
