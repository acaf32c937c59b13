import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../pytorch/dcgan_step.py", import.meta.url));
const hasPython = spawnSync("python3", ["--version"]).status === 0;

/** The GPU kit calls the script by its flags on a machine without Node: its CLI must stay as documented. */
const python = (...args: string[]) => spawnSync("python3", [SCRIPT, ...args], { encoding: "utf8" });

describe.skipIf(!hasPython)("dcgan_step.py's command line (no PyTorch needed)", () => {
  it("documents --device and the shape flags in --help", () => {
    const help = python("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--device {cpu,cuda}");
    for (const flag of [
      "--image-size",
      "--generator-channels",
      "--discriminator-channels",
      "--batch-size",
      "--warmup",
      "--steps",
      "--threads",
      "--probe",
    ]) {
      expect(help.stdout).toContain(flag);
    }
  });

  it("refuses an unknown device and an incomplete shape before it loads PyTorch", () => {
    const badDevice = python("--device", "gpu");
    expect(badDevice.status).toBe(2);
    expect(badDevice.stderr).toContain("invalid choice: 'gpu'");
    const noShape = python("--device", "cuda", "--image-size", "32");
    expect(noShape.status).toBe(2);
    expect(noShape.stderr).toContain("the model shape is incomplete: give --channels, --z-dim");
  });
});
