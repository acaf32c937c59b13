// A GET that sends the path exactly as written: browsers and fetch() normalise '..' and '%2e%2e' away
// before the server could see them, which would make traversal tests pass without testing anything.
import http from "node:http";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; redirects: string[] };

function getOnce(baseUrl: string, rawPath: string): Promise<Omit<RawResponse, "redirects">> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: rawPath, method: "GET" }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}

/** Follows same-origin redirects (Next.js turns '//' into '/' with a 308), sending each Location as is. */
export async function rawGet(baseUrl: string, rawPath: string): Promise<RawResponse> {
  const redirects: string[] = [];
  let response = await getOnce(baseUrl, rawPath);
  while (response.status >= 300 && response.status < 400 && response.headers.location && redirects.length < 5) {
    const location = response.headers.location;
    if (/^[a-z]+:/i.test(location) && new URL(location).origin !== new URL(baseUrl).origin) break;
    const next = /^[a-z]+:/i.test(location) ? location.slice(new URL(location).origin.length) : location;
    redirects.push(next);
    response = await getOnce(baseUrl, next);
  }
  return { ...response, redirects };
}
