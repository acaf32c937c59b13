// Real servers for the database registry's tests, the viewer's end-to-end run and the store benchmark: a
// PostgreSQL cluster in a temporary folder (Debian's postgresql package) and s3rver, an S3-compatible server,
// on free local ports. Nothing is installed or left behind; stop() removes both.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** s3rver ships no types: the part of its API used here. */
type S3rverServer = {
  httpServer: Server | undefined;
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
};
type S3rverOptions = {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: Array<{ name: string; configs: string[] }>;
};
const S3rver = createRequire(import.meta.url)("s3rver") as new (options: S3rverOptions) => S3rverServer;

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Debian keeps PostgreSQL's server programs out of PATH, in /usr/lib/postgresql/<major>/bin: the newest there. */
function postgresBin(): string {
  const base = "/usr/lib/postgresql";
  const majors = existsSync(base) ? readdirSync(base).filter((entry) => /^\d+$/.test(entry)) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined || !existsSync(join(base, newest, "bin", "initdb"))) {
    throw new Error(
      "PostgreSQL's server is not installed (no /usr/lib/postgresql/<major>/bin/initdb): apt-get install -y postgresql",
    );
  }
  return join(base, newest, "bin");
}

/** initdb refuses to run as root (CI runs as root): then the cluster belongs to an unprivileged system user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    const line = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((entry) => entry.startsWith(`${name}:`));
    if (line === undefined) continue;
    const [, , uid, gid] = line.split(":");
    return { uid: Number(uid), gid: Number(gid) };
  }
  throw new Error("Running as root, but there is no postgres or nobody user to run PostgreSQL as.");
}

export type LocalPostgres = {
  /** The server's maintenance database; {@link createDatabase} makes one per test. */
  url: string;
  stop(): Promise<void>;
};

async function waitForServer(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited with ${server.exitCode}:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL did not accept connections in 60 s:\n${log()}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * A new cluster in a temporary folder, listening on 127.0.0.1 only (on `port`, else a free one), trusting local
 * connections (tests only).
 */
export async function startPostgres(options: { port?: number } = {}): Promise<LocalPostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), "ganvas-postgres-"));
  const user = serverUser();
  if (user !== undefined) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  const asServer = user === undefined ? {} : { uid: user.uid, gid: user.gid };
  execFileSync(join(bin, "initdb"), ["-D", data, "-U", "ganvas", "--auth=trust", "-E", "UTF8", "--no-sync"], {
    ...asServer,
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const port = options.port ?? (await freePort());
  // fsync off: these clusters hold test data for seconds; a crash of the machine loses nothing of value.
  const settings = ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
  const server = spawn(
    join(bin, "postgres"),
    ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", ...settings],
    { ...asServer, cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
  );
  let output = "";
  server.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const url = `postgres://ganvas@127.0.0.1:${port}/postgres`;
  try {
    await waitForServer(url, server, () => output);
  } catch (error) {
    server.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async stop() {
      // SIGINT: PostgreSQL's fast shutdown (disconnects clients, no waiting for them).
      if (server.exitCode === null) server.kill("SIGINT");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the server (named `name`, else a random name); its URL. */
export async function createDatabase(
  serverUrl: string,
  name = `ganvas_${randomBytes(6).toString("hex")}`,
): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export type LocalS3 = {
  endpoint: string;
  bucket: string;
  /** Files on disk (s3rver keeps each object as a file). */
  directory: string;
  stop(): Promise<void>;
};

/** s3rver 3.7.1 with one bucket, on `port` (else a free one) of 127.0.0.1; its files in a temporary folder. */
export async function startS3(options: { port?: number; bucket?: string } = {}): Promise<LocalS3> {
  const bucket = options.bucket ?? "ganvas-test";
  const directory = mkdtempSync(join(tmpdir(), "ganvas-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    directory,
    async stop() {
      server.httpServer?.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** s3rver's fixed credentials. */
export const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };

/** The environment that points Ganvas at a database registry: GANVAS_REGISTRY, GANVAS_S3 and the S3 server. */
export function registryEnvironment(databaseUrl: string, s3: LocalS3, prefix: string): Record<string, string> {
  return {
    GANVAS_REGISTRY: databaseUrl,
    GANVAS_S3: `s3://${s3.bucket}/${prefix}`,
    GANVAS_S3_ENDPOINT: s3.endpoint,
    AWS_REGION: "us-east-1",
    ...S3RVER_CREDENTIALS,
  };
}

export type LocalRegistryServers = {
  postgres: LocalPostgres;
  s3: LocalS3;
  /** A new database and key prefix: a registry of its own on the shared servers. */
  newRegistry(): Promise<Record<string, string>>;
  stop(): Promise<void>;
};

/** Both servers at once (on the given ports, else free ones). */
export async function startRegistryServers(
  ports: { postgres?: number; s3?: number } = {},
): Promise<LocalRegistryServers> {
  const [postgres, s3] = await Promise.all([startPostgres({ port: ports.postgres }), startS3({ port: ports.s3 })]);
  return {
    postgres,
    s3,
    async newRegistry() {
      const url = await createDatabase(postgres.url);
      return registryEnvironment(url, s3, `registry-${randomBytes(4).toString("hex")}`);
    },
    async stop() {
      await Promise.all([postgres.stop(), s3.stop()]);
    },
  };
}
