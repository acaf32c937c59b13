import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const RUN_SH = fileURLToPath(new URL("../kit/run.sh", import.meta.url));

// The kit's end-to-end run needs the built kit (network to build it): see the README. Here, only what is cheap.
describe("kit/run.sh", () => {
  it("parses", () => {
    expect(() => execFileSync("bash", ["-n", RUN_SH])).not.toThrow();
  });

  it("refuses to run without an output folder", () => {
    let status = 0;
    try {
      execFileSync("bash", [RUN_SH], { env: { PATH: process.env.PATH }, stdio: "pipe" });
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
