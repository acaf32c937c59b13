// Serves one registered file of a model version. The registry decides what may be read (only files the
// manifest lists; in a folder, inside the version folder with no symlinks out of the root); this route maps its
// answer to HTTP. Details stay in the server log: a refusal must not tell the client where a symlink points.
// A database registry's files are streamed from S3 through this route too, not handed out as presigned URLs:
// the bytes are checked against the manifest's sha256 before the first one is sent (a presigned URL would give
// the browser bytes nobody checked), the bucket need not be reachable from browsers, and tfjs fetches stay
// same-origin (no CORS rules on the bucket). The cost is the viewer's bandwidth, at sizes of a few MB a model.
import { RegistryError, isVersionText } from "@ganvas/registry";
import { getRegistry, versionRef } from "@/lib/registry-server";
import { toRelativePath } from "@/lib/request-path";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type RouteParams = { name: string; version: string; path: string[] };

const IMMUTABLE = "public, max-age=31536000, immutable";

export async function GET(_request: Request, context: { params: Promise<RouteParams> }): Promise<Response> {
  const { name, version, path } = await context.params;
  const relPath = toRelativePath(path);
  if (relPath === null) return refuse(400, "The file path must be relative and stay inside the version folder.");

  try {
    const registry = await getRegistry();
    // A numbered version is read directly, so the intact files of a damaged version stay reachable.
    const number = isVersionText(version)
      ? Number(version)
      : (await registry.resolve(versionRef(name, version))).version;
    // Read whole and checked against the manifest's sha256: bytes the manifest does not vouch for are never served.
    const { file, bytes: body } = await registry.readFile(name, number, relPath);
    return new Response(Buffer.from(body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(body.byteLength),
        // A numbered version never changes; an alias may move to another version at any time.
        "Cache-Control": isVersionText(version) ? IMMUTABLE : "no-store",
        ETag: `"${file.sha256}"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    console.warn(`[files] ${name}/${version}/${relPath}: ${error.code}: ${error.message}`);
    switch (error.code) {
      case "NOT_FOUND":
        return refuse(404, "No such model, version or file.");
      case "FORBIDDEN":
      case "INVALID":
        return refuse(400, "Refused: that path is not a file of this version.");
      case "UNAVAILABLE":
        return refuse(503, "The registry's database or file storage cannot be reached; try again later.");
      default:
        return refuse(
          500,
          "This file of the version is missing or does not match its manifest (the version is damaged on the server). " +
            "Versions are immutable: delete the version's folder from the registry, or open another version.",
        );
    }
  }
}

function refuse(status: 400 | 404 | 500 | 503, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}
