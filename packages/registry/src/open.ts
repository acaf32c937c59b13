import { Registry } from "./registry";
import { defaultRegistryLocation, isDatabaseLocation } from "./root";

/**
 * The registry at `location`: a postgres:// URL opens PostgreSQL with the S3-compatible bucket that GANVAS_S3
 * names in `env` (s3-location.ts); anything else is a folder. The database store's libraries load only when
 * one is opened, so folder users never pay for them.
 */
export async function openRegistry(
  location: string = defaultRegistryLocation(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<Registry> {
  if (!isDatabaseLocation(location)) return new Registry(location);
  const { PostgresS3Store } = await import("./postgres-store");
  return new Registry(PostgresS3Store.fromEnvironment(location, env));
}
