import { describe, expect, it } from "vitest";
import { describeAdapter } from "../src/adapter";

describe("describeAdapter", () => {
  it("marks CPU implementations of WebGPU as software", () => {
    const swiftShader = {
      vendor: "google",
      architecture: "swiftshader",
      device: "swiftshader-device-subzero-",
      description: "SwiftShader driver 5.0.0",
    };
    expect(describeAdapter(swiftShader)).toMatchObject({
      software: true,
      summary: "google swiftshader (SwiftShader driver 5.0.0)",
    });
    expect(describeAdapter({ vendor: "mesa", description: "llvmpipe (LLVM 15.0.6, 256 bits)" }).software).toBe(true);
    expect(describeAdapter({ vendor: "mesa", description: "lavapipe" }).software).toBe(true);
    expect(describeAdapter({ vendor: "microsoft", description: "Microsoft Basic Render Driver" }).software).toBe(true);
    expect(describeAdapter({ vendor: "unknown", isFallbackAdapter: true }).software).toBe(true);
  });

  it("takes GPUs as hardware", () => {
    const h200 = describeAdapter({ vendor: "nvidia", architecture: "hopper", description: "NVIDIA H200" });
    expect(h200).toMatchObject({ software: false, summary: "nvidia hopper (NVIDIA H200)" });
    expect(describeAdapter({ vendor: "apple", architecture: "metal-3", isFallbackAdapter: false }).software).toBe(
      false,
    );
    expect(describeAdapter({}).summary).toBe("unknown adapter");
  });
});
