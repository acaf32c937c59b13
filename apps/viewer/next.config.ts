import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The workspace packages ship TypeScript sources, not built JavaScript.
  transpilePackages: ["@ganvas/core", "@ganvas/registry"],
  // The database registry's drivers run as they are in Node (pg's optional native binding is not bundled).
  serverExternalPackages: ["pg", "@aws-sdk/client-s3"],
  poweredByHeader: false,
  // Cross-origin isolation: with it the browser offers SharedArrayBuffer, and tfjs's wasm backend runs its
  // threaded SIMD build (one thread per core) instead of a single thread. Everything the site loads is its own.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
        ],
      },
    ];
  },
  turbopack: {
    ignoreIssue: [
      {
        // The registry folder is chosen at run time (GANVAS_REGISTRY or the repo's registry/) on purpose;
        // the site runs with `next start` from the checkout, so file tracing for deployment bundles is moot.
        path: /packages\/registry\/src\/root\.ts$/,
        title: /Dynamic filesystem access/,
      },
    ],
  },
};

export default nextConfig;
