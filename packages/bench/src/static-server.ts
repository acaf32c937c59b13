import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm", // required for WebAssembly.instantiateStreaming
  ".bin": "application/octet-stream",
};

export type StaticServer = { url: string; close(): Promise<void> };

/** Where a URL path points inside the mounts, or null for anything outside them (including `..` tricks). */
function resolvePath(mounts: Record<string, string>, urlPath: string): string | null {
  const path = decodeURIComponent(urlPath === "/" ? "/page/index.html" : urlPath);
  for (const [prefix, directory] of Object.entries(mounts)) {
    if (!path.startsWith(`/${prefix}/`)) continue;
    const file = normalize(join(directory, path.slice(prefix.length + 2)));
    return file.startsWith(directory + sep) ? file : null;
  }
  return null;
}

/**
 * Serves each directory under `/<prefix>/` on a free localhost port; `/` is `/page/index.html`. `headers` go
 * on every answer (e.g. the cross-origin isolation headers).
 */
export async function startStaticServer(
  mounts: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const file = resolvePath(mounts, new URL(request.url ?? "/", "http://localhost").pathname);
    const notFound = () => response.writeHead(404, { ...headers, "content-type": "text/plain" }).end("not found\n");
    if (file === null) return notFound();
    stat(file).then(
      (info) => {
        if (!info.isFile()) return notFound();
        const type = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
        response.writeHead(200, { ...headers, "content-type": type, "content-length": info.size });
        createReadStream(file).pipe(response);
      },
      () => notFound(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
