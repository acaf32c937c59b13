/** Publishing from the browser writes to the registry: off unless the viewer was started with GANVAS_ALLOW_PUBLISH=1. */
export function publishingEnabled(): boolean {
  return process.env.GANVAS_ALLOW_PUBLISH === "1";
}

export const ENABLE_PUBLISHING_HINT =
  "Publishing is off on this viewer: start it with GANVAS_ALLOW_PUBLISH=1 (e.g. GANVAS_ALLOW_PUBLISH=1 pnpm --filter @ganvas/viewer start) to allow it.";
