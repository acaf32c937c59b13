import base from "@ganvas/eslint-config";

// tsconfig.json checks the sources without Node's types (the package is platform-agnostic); tsconfig.test.json
// covers every file, so the type-aware rules read that one.
export default [
  ...base,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: false, project: "./tsconfig.test.json", tsconfigRootDir: import.meta.dirname },
    },
  },
];
