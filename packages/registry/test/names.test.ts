import { describe, expect, it } from "vitest";
import { RegistryError, isAliasName, isModelName, parseRef } from "../src/index";

describe("names and refs", () => {
  it("accepts model names that are safe folder names", () => {
    for (const name of ["digits", "mnist-32", "a", "v1.2_x", "0", "a".repeat(64)]) expect(isModelName(name)).toBe(true);
    for (const name of ["", "Digits", "-x", ".x", "..", "a/b", "a b", "a".repeat(65), "a@b"])
      expect(isModelName(name)).toBe(false);
  });

  it("keeps aliases apart from version numbers", () => {
    expect(isAliasName("best")).toBe(true);
    expect(isAliasName("v3")).toBe(true);
    expect(isAliasName("3")).toBe(false);
  });

  it("parses refs: bare name is latest, digits are versions, the rest aliases", () => {
    expect(parseRef("digits")).toEqual({ name: "digits", target: { kind: "alias", alias: "latest" } });
    expect(parseRef("digits@12")).toEqual({ name: "digits", target: { kind: "version", version: 12 } });
    expect(parseRef("digits@best")).toEqual({ name: "digits", target: { kind: "alias", alias: "best" } });
    for (const bad of ["digits@", "digits@0", "digits@007", "digits@Best", "Digits@1", "@1", "a@b@c", "../x"]) {
      expect(() => parseRef(bad), bad).toThrow(RegistryError);
    }
  });
});
