import { afterAll, beforeAll } from "vitest";
import { Registry } from "../../src/index";
import { PostgresS3Store } from "../../src/postgres-store";
import { type LocalRegistryServers, startRegistryServers } from "../../testing/local-servers";

/**
 * Real PostgreSQL and s3rver for one test file (started before its tests, stopped after); each
 * {@link newDatabaseRegistry} is a registry of its own (a new database and key prefix) on them.
 */
export function useRegistryServers(): () => LocalRegistryServers {
  let servers: LocalRegistryServers | undefined;
  beforeAll(async () => {
    servers = await startRegistryServers();
  });
  afterAll(async () => servers?.stop());
  return () => {
    if (servers === undefined) throw new Error("The servers did not start (see beforeAll).");
    return servers;
  };
}

export type DatabaseRegistry = { registry: Registry; env: Record<string, string> };

/** A fresh database registry and the environment that names it (for child processes). */
export async function newDatabaseRegistry(servers: LocalRegistryServers): Promise<DatabaseRegistry> {
  const env = await servers.newRegistry();
  return { registry: new Registry(PostgresS3Store.fromEnvironment(env.GANVAS_REGISTRY!, env)), env };
}

/** Runs `use` with a fresh database registry and closes it after. */
export async function withDatabaseRegistry<T>(
  servers: LocalRegistryServers,
  use: (registry: Registry, env: Record<string, string>) => Promise<T>,
): Promise<T> {
  const { registry, env } = await newDatabaseRegistry(servers);
  try {
    return await use(registry, env);
  } finally {
    await registry.close();
  }
}
