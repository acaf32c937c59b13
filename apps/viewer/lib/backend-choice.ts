// Which tfjs backend runs the generator in this browser. WebGL only pays off on a real GPU: behind a
// software rasteriser (SwiftShader, llvmpipe) it was about 8 times slower than wasm (see design.md).

export const BACKENDS = ["webgl", "wasm"] as const;
export type BackendName = (typeof BACKENDS)[number];

export type BackendChoice = { backend: BackendName; reason: string };

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render driver/i;

export function parseBackendParam(value: string | null | undefined): BackendName | null {
  return BACKENDS.find((backend) => backend === value) ?? null;
}

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

/** The WebGL renderer's name (unmasked where the browser allows it), or null when there is no WebGL. */
export function probeWebglRenderer(): string | null {
  const canvas = document.createElement("canvas");
  const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
  if (!gl) return null;
  const debugInfo = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = String(gl.getParameter(debugInfo ? debugInfo.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return renderer;
}

export function chooseBackend(forced: BackendName | null): BackendChoice {
  if (forced) return { backend: forced, reason: `forced by ?backend=${forced}` };
  const renderer = probeWebglRenderer();
  if (renderer === null) return { backend: "wasm", reason: "WebGL is not available" };
  if (isSoftwareRenderer(renderer)) {
    return { backend: "wasm", reason: `WebGL renders in software (${renderer})` };
  }
  return { backend: "webgl", reason: `GPU: ${renderer}` };
}
