// Turns a catch-all route's (already decoded) segments into a registry-relative path, or null when a
// segment could climb out of the version folder or name something absolute.
export function toRelativePath(segments: readonly string[]): string | null {
  if (segments.length === 0) return null;
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === "..") return null;
    if (/[/\\\0]/.test(segment) || /^[a-zA-Z]:/.test(segment)) return null;
  }
  return segments.join("/");
}
