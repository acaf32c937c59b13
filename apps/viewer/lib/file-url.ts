// URLs of the route that serves a version's registered files (app/api/models/[name]/[version]/files/[...path]).

export function versionFilesBase(name: string, version: number | string): string {
  return `/api/models/${encodeURIComponent(name)}/${encodeURIComponent(String(version))}/files`;
}

export function fileUrl(name: string, version: number | string, relPath: string): string {
  const encodedPath = relPath.split("/").map(encodeURIComponent).join("/");
  return `${versionFilesBase(name, version)}/${encodedPath}`;
}
