/**
 * The one formatting style of the repository (`pnpm format` writes it, `pnpm format:check` is part of lint).
 * 120 columns because the code's comments carry measurements and reasons that read badly broken at 80.
 * @type {import("prettier").Config}
 */
export default {
  printWidth: 120,
  singleQuote: false,
  trailingComma: "all",
  arrowParens: "always",
  proseWrap: "preserve",
};
