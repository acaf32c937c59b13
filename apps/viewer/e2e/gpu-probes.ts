// What the test browser offers for GPU work, read in the page the way the viewer reads it, so tests can say
// which backend the page should pick on this machine.
import type { Page } from "@playwright/test";
import type { AdapterInfo } from "../lib/webgpu-adapter";

export async function webglRenderer(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const gl =
      document.createElement("canvas").getContext("webgl2") ?? document.createElement("canvas").getContext("webgl");
    if (!gl) return null;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  });
}

/** The WebGPU adapter's info, or null when the browser has no WebGPU or gives no adapter. */
export async function webgpuAdapter(page: Page): Promise<AdapterInfo | null> {
  return page.evaluate(async () => {
    if (!("gpu" in navigator)) return null;
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return null;
    const { vendor, architecture, device, description, isFallbackAdapter } = adapter.info;
    return { vendor, architecture, device, description, isFallbackAdapter };
  });
}
