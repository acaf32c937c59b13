import base from "@ganvas/eslint-config";

export default [
  ...base,
  { ignores: ["public/tfjs-wasm/**", ".e2e-registry/**", "next-env.d.ts"] },
  // Plain Node scripts (TypeScript files get Node's globals from @types/node instead).
  { files: ["scripts/**/*.mjs"], languageOptions: { globals: { console: "readonly", process: "readonly" } } },
];
