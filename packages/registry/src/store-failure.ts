import { RegistryError, errnoCode } from "./errors";
import { s3ErrorName } from "./s3-blobs";

/** PostgreSQL's error codes worth a sentence of their own (SQLSTATE). */
const DATABASE_REASONS: Record<string, string> = {
  "28P01": "the password was refused",
  "28000": "this account may not connect",
  "3D000": "the database does not exist (create it with createdb)",
  "42501": "this account lacks a permission it needs",
  "57P03": "the server is starting up or shutting down",
};
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "nothing accepts connections there (ECONNREFUSED)",
  ENOTFOUND: "the host name is unknown (ENOTFOUND)",
  EAI_AGAIN: "the host name cannot be looked up now (EAI_AGAIN)",
  ETIMEDOUT: "the connection timed out (ETIMEDOUT)",
  ECONNRESET: "the connection was reset (ECONNRESET)",
};
const BUCKET_REASONS: Record<string, string> = {
  NoSuchBucket: "the bucket does not exist (create it first)",
  AccessDenied: "access was denied to these credentials",
  InvalidAccessKeyId: "the access key is unknown (AWS_ACCESS_KEY_ID)",
  SignatureDoesNotMatch: "the secret key does not match (AWS_SECRET_ACCESS_KEY)",
  CredentialsProviderError: "no credentials were found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
};

/**
 * A database or bucket that cannot be used, as a message naming which, why and what to do, instead of a raw
 * driver error; undefined for anything else. `consequence` says what happened to the operation.
 */
export function unavailable(
  where: { database: string; bucket: string },
  error: unknown,
  consequence?: string,
): RegistryError | undefined {
  if (error instanceof RegistryError) return undefined;
  const code = typeof (error as { code?: unknown })?.code === "string" ? (error as { code: string }).code : undefined;
  const network = NETWORK_REASONS[errnoCode(error) ?? ""];
  const s3Name = s3ErrorName(error);
  const isS3 =
    s3Name !== undefined &&
    (BUCKET_REASONS[s3Name] !== undefined || (error as { $metadata?: unknown }).$metadata !== undefined);
  let message: string | undefined;
  if (isS3) {
    const reason = BUCKET_REASONS[s3Name] ?? network ?? `${s3Name}: ${(error as Error).message}`;
    message = `The registry's bucket ${where.bucket} cannot be used: ${reason}`;
  } else if (code !== undefined && DATABASE_REASONS[code] !== undefined) {
    message = `The registry database ${where.database} cannot be used: ${DATABASE_REASONS[code]}`;
  } else if (network !== undefined) {
    message = `The registry at ${where.database} with ${where.bucket} cannot be reached: ${network}`;
  }
  if (message === undefined) return undefined;
  const outcome = consequence === undefined ? "" : `; ${consequence}`;
  return new RegistryError(
    "UNAVAILABLE",
    `${message}${outcome}. Start the servers or fix GANVAS_REGISTRY, GANVAS_S3 (and GANVAS_S3_ENDPOINT), then try again.`,
    { cause: error },
  );
}
