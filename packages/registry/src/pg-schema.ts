import type { Pool, PoolClient } from "pg";
import { RegistryError } from "./errors";

/**
 * The database registry's tables, as numbered migrations applied in order, each once (ganvas_migrations records
 * which). A version's number is claimed by its primary key: two publishers can never both insert it. Files are
 * rows naming their blob by SHA-256, so `registry gc` finds unreferenced blobs with one query. Aliases are rows
 * that must name an existing version (a foreign key), so none can dangle.
 */
const MIGRATIONS: Array<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: "models, versions, version files, aliases",
    sql: `
      CREATE TABLE ganvas_models (name text PRIMARY KEY);
      CREATE TABLE ganvas_versions (
        model text NOT NULL REFERENCES ganvas_models (name),
        version integer NOT NULL CHECK (version > 0),
        manifest text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (model, version)
      );
      CREATE TABLE ganvas_version_files (
        model text NOT NULL,
        version integer NOT NULL,
        path text NOT NULL,
        sha256 char(64) NOT NULL,
        bytes bigint NOT NULL CHECK (bytes >= 0),
        PRIMARY KEY (model, version, path),
        FOREIGN KEY (model, version) REFERENCES ganvas_versions (model, version)
      );
      CREATE INDEX ganvas_version_files_sha256 ON ganvas_version_files (sha256);
      CREATE TABLE ganvas_aliases (
        model text NOT NULL,
        alias text NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (model, alias),
        FOREIGN KEY (model, version) REFERENCES ganvas_versions (model, version)
      );
    `,
  },
];

export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));

/** Advisory lock keys (any two fixed numbers): one serialises migrations, one keeps gc away from publishes. */
export const MIGRATION_LOCK = 715_020_001;
export const GC_LOCK = 715_020_002;

async function appliedVersion(client: Pool | PoolClient): Promise<number> {
  const table = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('ganvas_migrations') IS NOT NULL AS exists",
  );
  if (!table.rows[0]?.exists) return 0;
  const result = await client.query<{ version: number | null }>(
    "SELECT max(version) AS version FROM ganvas_migrations",
  );
  return result.rows[0]?.version ?? 0;
}

function tooNew(applied: number): RegistryError {
  return new RegistryError(
    "INVALID",
    `The registry database has schema version ${applied}, newer than this Ganvas knows (${SCHEMA_VERSION}). Update Ganvas to use it.`,
  );
}

/**
 * Brings the database's tables up to SCHEMA_VERSION; a database already there is only read, so a read-only
 * account can use a migrated registry. Concurrent callers wait for each other (an advisory lock).
 */
export async function migrate(pool: Pool): Promise<void> {
  const applied = await appliedVersion(pool);
  if (applied === SCHEMA_VERSION) return;
  if (applied > SCHEMA_VERSION) throw tooNew(applied);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS ganvas_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const current = await appliedVersion(client);
    if (current > SCHEMA_VERSION) throw tooNew(current);
    for (const migration of MIGRATIONS.filter((entry) => entry.version > current)) {
      await client.query(migration.sql);
      await client.query("INSERT INTO ganvas_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
