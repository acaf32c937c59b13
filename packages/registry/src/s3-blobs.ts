import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { S3Location } from "./s3-location";

const SHA256 = /^[0-9a-f]{64}$/;

/** The S3 error name of a failed request (NoSuchKey, NotFound, NoSuchBucket, AccessDenied, ...). */
export function s3ErrorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function isMissing(error: unknown): boolean {
  const name = s3ErrorName(error);
  return name === "NoSuchKey" || name === "NotFound";
}

/**
 * Files of a database registry, kept in a bucket under their SHA-256 (`<prefix>blobs/sha256/ab/abcd...`): a
 * blob's key says what its bytes must hash to, two versions with the same file share one blob, and a blob is
 * never changed, only written whole (PUT) or removed by `registry gc` once no version lists it.
 */
export class S3Blobs {
  private readonly client: S3Client;

  constructor(readonly location: S3Location) {
    // The SDK warns on every Node 20 process that its releases after early January 2027 need Node 22. The pin
    // (package.json) and the README say so once; the CLI's stderr stays for its own messages. Setting the
    // variable yourself (to anything but "true") brings the warning back.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    this.client = new S3Client({
      region: location.region,
      // S3-compatible servers: path-style URLs, and the SDK's own checksums only where S3 requires them (not
      // every such server knows its default CRC32 headers); the registry's SHA-256 checks cover integrity.
      ...(location.endpoint === undefined
        ? {}
        : {
            endpoint: location.endpoint,
            forcePathStyle: true,
            requestChecksumCalculation: "WHEN_REQUIRED" as const,
            responseChecksumValidation: "WHEN_REQUIRED" as const,
          }),
      ...(location.credentials === undefined ? {} : { credentials: location.credentials }),
    });
  }

  key(sha256: string): string {
    return `${this.location.prefix}blobs/sha256/${sha256.slice(0, 2)}/${sha256}`;
  }

  url(sha256: string): string {
    return `s3://${this.location.bucket}/${this.key(sha256)}`;
  }

  /** Fails (NoSuchBucket, AccessDenied, a refused connection) if the bucket cannot be used. */
  async checkBucket(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.location.bucket }));
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.location.bucket,
        Key: this.key(sha256),
        Body: bytes,
        ContentLength: bytes.byteLength,
      }),
    );
  }

  /** The blob's size, or undefined if there is none. */
  async size(sha256: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(sha256) }),
      );
      return head.ContentLength;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** The blob's bytes as a stream, or undefined if there is none. */
  async open(sha256: string): Promise<Readable | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(sha256) }),
      );
      const body = object.Body;
      if (body instanceof Readable) return body;
      if (body === undefined) return Readable.from([]);
      return Readable.from(Buffer.from(await body.transformToByteArray()));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** Every blob under the prefix with its size (one request per 1,000 blobs). */
  async list(): Promise<Map<string, number>> {
    const blobs = new Map<string, number>();
    const prefix = `${this.location.prefix}blobs/sha256/`;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.location.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const sha256 = object.Key?.split("/").at(-1) ?? "";
        if (SHA256.test(sha256) && object.Key === this.key(sha256)) blobs.set(sha256, object.Size ?? 0);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return blobs;
  }

  async remove(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(sha256) }));
  }

  close(): void {
    this.client.destroy();
  }
}
