import type { FileRole, Manifest } from "@ganvas/registry";

/** The manifest's first file with this role (the trainer writes one of each), if any. */
export function fileWithRole(manifest: Manifest, role: FileRole): Manifest["files"][number] | undefined {
  return manifest.files.find((file) => file.role === role);
}
