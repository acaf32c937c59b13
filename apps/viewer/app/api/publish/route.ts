// Publishes a generator trained in the browser (the /train page) as a new version, through @ganvas/registry's
// publish (atomic: a reader never sees a partial version; the route itself writes no file). Off unless the
// viewer runs with GANVAS_ALLOW_PUBLISH=1; uploads over MAX_UPLOAD_BYTES, malformed manifests and generators
// whose weights are not the manifest's network are refused before the registry is touched.
import { RegistryError } from "@ganvas/registry";
import { checkUpload } from "@/lib/publish/check-upload";
import { ENABLE_PUBLISHING_HINT, publishingEnabled } from "@/lib/publish/publishing-enabled";
import { readLimitedBody } from "@/lib/publish/read-limited-body";
import { UploadError } from "@/lib/publish/upload-error";
import { MAX_UPLOAD_BYTES, type PublishResponse } from "@/lib/publish/upload-form";
import { getRegistry } from "@/lib/registry-server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function refuse(status: number, message: string): Response {
  return Response.json({ error: message } satisfies PublishResponse, {
    status,
    headers: { "Cache-Control": "no-store" },
  });
}

async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    throw new UploadError(415, "Send the version as multipart/form-data (the /train page's Publish button does).");
  }
  const body = await readLimitedBody(request, MAX_UPLOAD_BYTES);
  try {
    return await new Response(body, { headers: { "content-type": type } }).formData();
  } catch (error) {
    throw new UploadError(400, `The upload is not a readable multipart form (${(error as Error).message}).`);
  }
}

export async function POST(request: Request): Promise<Response> {
  if (!publishingEnabled()) return refuse(403, ENABLE_PUBLISHING_HINT);
  try {
    const input = await checkUpload(await readForm(request));
    const published = await (await getRegistry()).publish(input);
    const url = `/models/${encodeURIComponent(published.name)}/${published.version}`;
    const response: PublishResponse = {
      name: published.name,
      version: published.version,
      url,
      warnings: published.warnings,
    };
    return Response.json(response, { status: 201 });
  } catch (error) {
    if (error instanceof UploadError) return refuse(error.status, error.message);
    if (error instanceof RegistryError) {
      console.warn(`[publish] ${error.code}: ${error.message}`);
      return error.code === "INVALID"
        ? refuse(400, error.message)
        : refuse(500, "The registry could not publish the version; nothing was published. See the server log.");
    }
    throw error;
  }
}
