import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "../src/static-server";

/** GET with the path sent exactly as given (fetch would resolve the `..` segments before sending). */
function rawGet(base: string, path: string): Promise<{ status: number; type: string | undefined; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers["content-type"], body }),
      );
    })
      .on("error", reject)
      .end();
  });
}

describe("startStaticServer", () => {
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "bench-static-"));
    await mkdir(join(root, "page"));
    await writeFile(join(root, "page", "index.html"), "<p>hello</p>");
    await writeFile(join(root, "page", "kernel.wasm"), new Uint8Array([0, 97, 115, 109]));
    await writeFile(join(root, "secret.txt"), "outside the mount");
    server = await startStaticServer({ page: join(root, "page") });
  });

  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it("serves / as the page's index.html", async () => {
    const response = await rawGet(server.url, "/");
    expect(response).toMatchObject({ status: 200, body: "<p>hello</p>" });
    expect(response.type).toMatch(/^text\/html/);
  });

  it("serves .wasm as application/wasm, which streaming compilation requires", async () => {
    expect((await rawGet(server.url, "/page/kernel.wasm")).type).toBe("application/wasm");
  });

  it.each(["/page/../secret.txt", "/page/%2e%2e/secret.txt", "/elsewhere/index.html", "/page/missing.js", "/page/"])(
    "answers 404 for %s",
    async (path) => {
      const response = await rawGet(server.url, path);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain("outside the mount");
    },
  );
});
