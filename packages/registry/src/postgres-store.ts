import type { Readable } from "node:stream";
import pg from "pg";
import type { AliasFile, AliasUpdate, Aliases } from "./aliases";
import { aliasCommand, listedFile, versionDamage } from "./damage";
import { RegistryError } from "./errors";
import { type Manifest, type ManifestFile, parseManifest } from "./manifest";
import { GC_LOCK, migrate } from "./pg-schema";
import { type Quality, withQuality } from "./quality";
import { S3Blobs } from "./s3-blobs";
import { type S3Location, describeS3, s3LocationFromEnv } from "./s3-location";
import { unavailable } from "./store-failure";
import { type GarbageReport, type RegistryStore, type StorePublish, type VersionLocation, toError } from "./store";

/** Named points of a publish, for the crash tests: a process killed at each must leave nothing half-visible. */
export type PublishHooks = {
  /** Every blob is uploaded; nothing is in the database yet. */
  afterBlobs?: () => void | Promise<void>;
  /** The version, its files and aliases are inserted but not committed. */
  beforeCommit?: () => void | Promise<void>;
  /** Committed: the version is visible. */
  afterCommit?: () => void | Promise<void>;
};

/** Blobs uploaded at once by one publish. */
const UPLOAD_CONCURRENCY = 4;
/** Up to this many files are checked one request each; more, by listing the bucket. */
const HEAD_LIMIT = 8;
/** A unique-key violation: another publisher took the number first. */
const UNIQUE_VIOLATION = "23505";

/** The URL without its password, for messages. */
function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    parsed.search = "";
    return parsed.toString();
  } catch {
    return "postgres://(unparsable URL)";
  }
}

/** The two-number advisory lock space of blob uploads (apart from the one-number GC_LOCK). */
const BLOB_LOCK_SPACE = 715_020;

/** A blob's lock: the first 32 bits of its hash (two blobs sharing one only wait for each other). */
function blobLockKey(sha256: string): number {
  return Number.parseInt(sha256.slice(0, 8), 16) | 0;
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(work));
}

/**
 * A registry for many machines: versions, their manifests and aliases in PostgreSQL, files in an
 * S3-compatible bucket under their SHA-256. A publish uploads every blob first, then claims the version number
 * and records the manifest, its files and `latest` in one transaction (the primary key decides races, not the
 * bucket: S3-compatible servers differ in what conditional writes they honour). Readers see a version only
 * once that transaction commits, when all its blobs are there; a publisher that dies leaves at most blobs no
 * version lists, which `registry gc` removes. gc and publishes exclude each other through an advisory lock
 * (publishers share it, gc takes it alone), so gc never removes a blob a publish in flight is about to list.
 */
export class PostgresS3Store implements RegistryStore {
  readonly location: string;
  private readonly pool: pg.Pool;
  private readonly blobs: S3Blobs;
  private readonly where: { database: string; bucket: string };
  private ready: Promise<void> | undefined;

  constructor(
    databaseUrl: string,
    s3: S3Location,
    private readonly hooks: PublishHooks = {},
  ) {
    this.where = { database: describeDatabase(databaseUrl), bucket: describeS3(s3) };
    this.location = `${this.where.database} with files in ${this.where.bucket}`;
    // allowExitOnIdle: an idle pool never keeps a CLI process alive.
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 10, allowExitOnIdle: true });
    // An idle client whose server went away must not crash the process; the next query reports it.
    this.pool.on("error", () => undefined);
    this.blobs = new S3Blobs(s3);
  }

  static fromEnvironment(
    databaseUrl: string,
    env: Readonly<Record<string, string | undefined>>,
    hooks?: PublishHooks,
  ): PostgresS3Store {
    return new PostgresS3Store(databaseUrl, s3LocationFromEnv(env), hooks);
  }

  /** Connects, brings the tables up to date and checks the bucket, once; a failure is retried next time. */
  private async connect(consequence?: string): Promise<void> {
    // One after the other, the database first: with both down, the message always names the same one.
    this.ready ??= migrate(this.pool).then(() => this.blobs.checkBucket());
    try {
      await this.ready;
    } catch (error) {
      this.ready = undefined;
      throw unavailable(this.where, error, consequence) ?? error;
    }
  }

  checkReadable(): Promise<void> {
    return this.connect();
  }

  checkWritable(): Promise<void> {
    return this.connect("nothing was written");
  }

  async listModelNames(): Promise<string[]> {
    const result = await this.pool.query<{ name: string }>(
      'SELECT name FROM ganvas_models m WHERE EXISTS (SELECT 1 FROM ganvas_versions v WHERE v.model = m.name) ORDER BY name COLLATE "C"',
    );
    return result.rows.map((row) => row.name);
  }

  async listVersionNumbers(name: string): Promise<number[]> {
    const result = await this.pool.query<{ version: number }>(
      "SELECT version FROM ganvas_versions WHERE model = $1 ORDER BY version",
      [name],
    );
    return result.rows.map((row) => row.version);
  }

  versionDir(name: string, version: number): string {
    return `${name}@${version} in ${this.where.database}`;
  }

  async readManifest(owner: VersionLocation): Promise<Manifest> {
    const result = await this.pool.query<{ manifest: string }>(
      "SELECT manifest FROM ganvas_versions WHERE model = $1 AND version = $2",
      [owner.name, owner.version],
    );
    return this.checkedManifest(owner, result.rows[0]?.manifest);
  }

  /** One query for a listing's manifests instead of one a version. */
  async readManifests(owners: VersionLocation[]): Promise<Array<Manifest | Error>> {
    const name = owners[0]?.name;
    if (name === undefined) return [];
    const result = await this.pool.query<{ version: number; manifest: string }>(
      "SELECT version, manifest FROM ganvas_versions WHERE model = $1 AND version = ANY($2::int[])",
      [name, owners.map((owner) => owner.version)],
    );
    const texts = new Map(result.rows.map((row) => [row.version, row.manifest]));
    return owners.map((owner) => {
      try {
        return this.checkedManifest(owner, texts.get(owner.version));
      } catch (error) {
        return toError(error);
      }
    });
  }

  private checkedManifest(owner: VersionLocation, text: string | undefined): Manifest {
    if (text === undefined)
      throw new RegistryError("NOT_FOUND", `Model "${owner.name}" has no version ${owner.version}.`);
    const source = `the manifest of ${owner.dir}`;
    const manifest = parseManifest(text, source);
    if (manifest.name !== owner.name || manifest.version !== owner.version) {
      throw versionDamage(
        owner,
        { subject: `The manifest of ${owner.dir}`, path: owner.dir },
        `describes ${manifest.name}@${manifest.version}`,
        this.damagedVersionRemedy(owner),
      );
    }
    return manifest;
  }

  aliasesLocation(name: string): string {
    return `the aliases of ${name} in ${this.where.database}`;
  }

  async inspectAliases(name: string): Promise<AliasFile> {
    return { aliases: await this.readAliases(this.pool, name) };
  }

  private async readAliases(client: pg.Pool | pg.PoolClient, name: string): Promise<Aliases> {
    const result = await client.query<{ alias: string; version: number }>(
      'SELECT alias, version FROM ganvas_aliases WHERE model = $1 ORDER BY alias COLLATE "C"',
      [name],
    );
    return Object.fromEntries(result.rows.map((row) => [row.alias, row.version]));
  }

  /** Runs `work` in a transaction on one connection; rolls back on any error. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The model's row is locked for the transaction, so concurrent alias changes apply one after another. */
  async updateAliases(name: string, change: (aliases: Aliases) => Aliases | Promise<Aliases>): Promise<AliasUpdate> {
    return this.transaction(async (client) => {
      await client.query("SELECT name FROM ganvas_models WHERE name = $1 FOR UPDATE", [name]);
      const current = await this.readAliases(client, name);
      const next = await change({ ...current });
      for (const alias of Object.keys(current)
        .filter((alias) => next[alias] === undefined)
        .sort()) {
        await client.query("DELETE FROM ganvas_aliases WHERE model = $1 AND alias = $2", [name, alias]);
      }
      for (const alias of Object.keys(next)
        .filter((alias) => next[alias] !== current[alias])
        .sort()) {
        await client.query(
          "INSERT INTO ganvas_aliases (model, alias, version) VALUES ($1, $2, $3) ON CONFLICT (model, alias) DO UPDATE SET version = EXCLUDED.version",
          [name, alias, next[alias]],
        );
      }
      return { aliases: Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b))), warnings: [] };
    });
  }

  async publish(request: StorePublish): Promise<{ version: number; warnings: string[] }> {
    const client = await this.pool.connect();
    try {
      // Shared with other publishers, exclusive to gc: held from the first upload until the commit.
      await client.query("SELECT pg_advisory_lock_shared($1)", [GC_LOCK]);
      await this.uploadBlobs(client, request);
      await this.hooks.afterBlobs?.();
      await client.query("BEGIN");
      let version: number;
      try {
        version = await this.claim(client, request);
        await this.hooks.beforeCommit?.();
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
      await this.hooks.afterCommit?.();
      return { version, warnings: [] };
    } catch (error) {
      throw unavailable(this.where, error, "nothing was published") ?? error;
    } finally {
      await client.query("SELECT pg_advisory_unlock_shared($1)", [GC_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  /**
   * Uploads the blobs the bucket lacks (or holds at another size, i.e. damaged). Each blob's upload holds an
   * advisory lock on its hash, so two publishers of the same file never write its key at once: s3rver writes an
   * object in place, and a reader of a version already listing that blob saw it cut short (measured: 64,613 of
   * 65,536 bytes with 8 concurrent publishers of one file). A blob of the right size is left as it is.
   */
  private async uploadBlobs(client: pg.PoolClient, request: StorePublish): Promise<void> {
    const bytes = new Map(request.files.map((file) => [file.path, file.bytes]));
    const unique = new Map(
      request.manifest.files.map((file) => [file.sha256, bytes.get(file.path) ?? new Uint8Array()]),
    );
    // Locks taken one at a time in one order, so two publishers never wait for each other's.
    const keys = [...new Set([...unique.keys()].map(blobLockKey))].sort((a, b) => a - b);
    for (const key of keys) await client.query("SELECT pg_advisory_lock($1, $2)", [BLOB_LOCK_SPACE, key]);
    try {
      await inBatches([...unique], UPLOAD_CONCURRENCY, async ([sha256, bytes]) => {
        if ((await this.blobs.size(sha256)) !== bytes.byteLength) await this.blobs.put(sha256, bytes);
      });
    } finally {
      for (const key of keys) await client.query("SELECT pg_advisory_unlock($1, $2)", [BLOB_LOCK_SPACE, key]);
    }
  }

  /**
   * Inserts the version under the next free number (a fixed one for copies), its files, and its aliases, in
   * the caller's transaction. Losing a race to the primary key rolls back to the savepoint and tries the next.
   */
  private async claim(client: pg.PoolClient, request: StorePublish): Promise<number> {
    const { manifest, version: fixed } = request;
    const { name } = manifest;
    await client.query("INSERT INTO ganvas_models (name) VALUES ($1) ON CONFLICT DO NOTHING", [name]);
    let version = 0;
    for (;;) {
      if (fixed === undefined) {
        const { rows } = await client.query<{ newest: number }>(
          "SELECT coalesce(max(version), 0) AS newest FROM ganvas_versions WHERE model = $1",
          [name],
        );
        version = Math.max(version, rows[0]?.newest ?? 0) + 1;
      } else version = fixed;
      await client.query("SAVEPOINT claim");
      try {
        await client.query("INSERT INTO ganvas_versions (model, version, manifest) VALUES ($1, $2, $3)", [
          name,
          version,
          JSON.stringify({ ...manifest, version }, null, 2),
        ]);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        await client.query("ROLLBACK TO SAVEPOINT claim");
        if (fixed !== undefined) {
          throw new RegistryError("CONFLICT", `${name}@${fixed} already exists in the registry at ${this.location}.`);
        }
      }
    }
    await client.query(
      "INSERT INTO ganvas_version_files (model, version, path, sha256, bytes) SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::bigint[])",
      [
        name,
        version,
        manifest.files.map((f) => f.path),
        manifest.files.map((f) => f.sha256),
        manifest.files.map((f) => f.bytes),
      ],
    );
    // `latest` never moves back to an older number (publishes may commit out of order); in name order, so that
    // two publishes touching the same aliases lock them in the same order.
    for (const alias of [...new Set(["latest", ...request.aliases])].sort()) {
      const keepNewer = alias === "latest" && !request.aliases.includes("latest");
      await client.query(
        `INSERT INTO ganvas_aliases (model, alias, version) VALUES ($1, $2, $3)
         ON CONFLICT (model, alias) DO UPDATE SET version = ${keepNewer ? "GREATEST(ganvas_aliases.version, EXCLUDED.version)" : "EXCLUDED.version"}`,
        [name, alias, version],
      );
    }
    return version;
  }

  async setQuality(owner: VersionLocation, quality: Quality): Promise<void> {
    await this.transaction(async (client) => {
      const result = await client.query<{ manifest: string }>(
        "SELECT manifest FROM ganvas_versions WHERE model = $1 AND version = $2 FOR UPDATE",
        [owner.name, owner.version],
      );
      const row = result.rows[0];
      if (row === undefined)
        throw new RegistryError("NOT_FOUND", `Model "${owner.name}" has no version ${owner.version}.`);
      const next = withQuality(parseManifest(row.manifest, `the manifest of ${owner.dir}`), quality);
      await client.query("UPDATE ganvas_versions SET manifest = $3 WHERE model = $1 AND version = $2", [
        owner.name,
        owner.version,
        JSON.stringify(next, null, 2),
      ]);
    });
  }

  private blobDamage(owner: VersionLocation, file: ManifestFile, problem: string): RegistryError {
    const listed = listedFile(owner, file.path, this.fileLocation(owner, file));
    return versionDamage(owner, listed, problem, this.damagedVersionRemedy(owner));
  }

  private missingOrResized(owner: VersionLocation, file: ManifestFile, size: number | undefined): Error | undefined {
    if (size === file.bytes) return undefined;
    return this.blobDamage(
      owner,
      file,
      size === undefined ? "is missing" : `has ${size} bytes but the manifest records ${file.bytes}`,
    );
  }

  async checkFiles(files: Array<{ owner: VersionLocation; file: ManifestFile }>): Promise<Array<Error | undefined>> {
    if (files.length <= HEAD_LIMIT) {
      return Promise.all(
        files.map(async ({ owner, file }) => this.missingOrResized(owner, file, await this.blobs.size(file.sha256))),
      );
    }
    const stored = await this.blobs.list();
    return files.map(({ owner, file }) => this.missingOrResized(owner, file, stored.get(file.sha256)));
  }

  async openFile(owner: VersionLocation, file: ManifestFile): Promise<Readable> {
    const stream = await this.blobs.open(file.sha256);
    if (stream === undefined) throw this.blobDamage(owner, file, "is missing");
    return stream;
  }

  fileLocation(_owner: VersionLocation, file: ManifestFile): string {
    return this.blobs.url(file.sha256);
  }

  damagedVersionRemedy(owner: VersionLocation): string {
    return (
      `Versions are immutable, so ${owner.name}@${owner.version} cannot be repaired in place: restore the blob from a backup, ` +
      `or use another version ` +
      `(re-point an alias with: ${aliasCommand(owner.name, "<version>", "<alias>")}).`
    );
  }

  describeWriteFailure(error: unknown, consequence: string): unknown {
    return unavailable(this.where, error, consequence) ?? error;
  }

  /**
   * Removes the blobs no version lists: what publishers that died before their commit left. Waits for
   * publishes in flight to finish (they hold the lock shared) and holds new ones back until done.
   */
  async collectGarbage(): Promise<GarbageReport> {
    await this.connect("nothing was removed");
    const client = await this.pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [GC_LOCK]);
      const referenced = await client.query<{ sha256: string }>("SELECT DISTINCT sha256 FROM ganvas_version_files");
      const keep = new Set(referenced.rows.map((row) => row.sha256));
      const orphans = [...(await this.blobs.list()).keys()].filter((sha256) => !keep.has(sha256));
      await inBatches(orphans, UPLOAD_CONCURRENCY, (sha256) => this.blobs.remove(sha256));
      return { removed: orphans.length, what: "blobs that no version lists" };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [GC_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  async close(): Promise<void> {
    this.blobs.close();
    await this.pool.end();
  }
}
