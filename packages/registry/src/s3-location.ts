import { RegistryError } from "./errors";

/** Where a database registry keeps its files: a bucket, a key prefix inside it, and the server to ask. */
export type S3Location = {
  bucket: string;
  /** "" or a prefix ending in "/": every key of this registry starts with it. */
  prefix: string;
  /** An S3-compatible server (MinIO, a test server); AWS itself when unset. Forces path-style addressing. */
  endpoint?: string;
  region: string;
  /** From AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY when both are set; else the SDK's usual chain (profiles, roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
};

const SETUP =
  "Set GANVAS_S3=s3://<bucket>/<prefix> beside GANVAS_REGISTRY=postgres://... (and GANVAS_S3_ENDPOINT=http://host:port " +
  "for an S3-compatible server such as MinIO; credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).";

/** Bucket names as S3 allows them (3 to 63 lower-case letters, digits, '.' and '-'). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Reads GANVAS_S3, GANVAS_S3_ENDPOINT and the usual AWS variables; INVALID naming what to set. */
export function s3LocationFromEnv(env: Readonly<Record<string, string | undefined>>): S3Location {
  const spec = env.GANVAS_S3?.trim();
  if (!spec)
    throw new RegistryError(
      "INVALID",
      `A PostgreSQL registry keeps its files in S3, but GANVAS_S3 is not set. ${SETUP}`,
    );
  const [, bucket = "", path = ""] = /^s3:\/\/([^/]+)\/?(.*)$/.exec(spec) ?? [];
  if (!BUCKET.test(bucket)) {
    throw new RegistryError("INVALID", `GANVAS_S3=${JSON.stringify(spec)} is not s3://<bucket>/<prefix>. ${SETUP}`);
  }
  const rawPrefix = path.replace(/\/+$/, "");
  if (rawPrefix.split("/").some((segment) => segment === "." || segment === "..") || rawPrefix.startsWith("/")) {
    throw new RegistryError(
      "INVALID",
      `GANVAS_S3=${JSON.stringify(spec)} has an empty, '.' or '..' part in its prefix. ${SETUP}`,
    );
  }
  const endpoint = env.GANVAS_S3_ENDPOINT?.trim() || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/]+\/?$/.test(endpoint)) {
    throw new RegistryError(
      "INVALID",
      `GANVAS_S3_ENDPOINT=${JSON.stringify(endpoint)} is not http(s)://host:port. ${SETUP}`,
    );
  }
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  const sessionToken = env.AWS_SESSION_TOKEN?.trim() || undefined;
  return {
    bucket,
    prefix: rawPrefix === "" ? "" : `${rawPrefix}/`,
    endpoint,
    region: env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || "us-east-1",
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, sessionToken } : undefined,
  };
}

/** `s3://bucket/prefix` (with the endpoint when it is not AWS), for messages. */
export function describeS3(location: S3Location): string {
  const where = `s3://${location.bucket}/${location.prefix}`;
  return location.endpoint === undefined ? where : `${where} at ${location.endpoint}`;
}
