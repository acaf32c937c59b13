import { expect } from "vitest";
import { RegistryError } from "../../src/index";

/** The RegistryError a registry operation rejects with; fails the test if it resolves or throws anything else. */
export async function registryFailure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}
