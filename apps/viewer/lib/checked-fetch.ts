// tfjs reads weight responses without looking at their status, so a missing weights file would surface
// as a confusing shape error. This fetch fails first, naming the file and the server's reason.
export async function checkedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.ok) return response;
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const file = decodeURIComponent(new URL(url, window.location.href).pathname.split("/").pop() ?? url);
  const reason = await response
    .json()
    .then((body: { error?: unknown }) => (typeof body.error === "string" ? `: ${body.error}` : ""))
    .catch(() => "");
  throw new Error(`The file ${file} could not be fetched (HTTP ${response.status}${reason}).`);
}
