// The shared Vitest config is plain JS without types; this lets `tsc` check vitest.config.ts.
declare module "@ganvas/vitest-config" {
  import type { ViteUserConfig } from "vitest/config";

  const config: ViteUserConfig;
  export default config;
}
