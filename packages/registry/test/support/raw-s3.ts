import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

/** Straight to the bucket, past the registry: how the tests damage blobs and count them. */
export function rawS3(env: Record<string, string>) {
  const { AWS_ACCESS_KEY_ID: accessKeyId = "", AWS_SECRET_ACCESS_KEY: secretAccessKey = "" } = env;
  const client = new S3Client({
    region: env.AWS_REGION,
    endpoint: env.GANVAS_S3_ENDPOINT,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  });
  const split = (url: string) => {
    const [, Bucket = "", Key = ""] = /^s3:\/\/([^/]+)\/(.*)$/.exec(url) ?? [];
    return { Bucket, Key };
  };
  const { Bucket: bucket, Key: prefix } = split(env.GANVAS_S3 ?? "");
  return {
    async put(url: string, bytes: Uint8Array) {
      await client.send(new PutObjectCommand({ ...split(url), Body: bytes }));
    },
    async remove(url: string) {
      await client.send(new DeleteObjectCommand(split(url)));
    },
    /** Keys of every blob under the registry's prefix. */
    async blobs(): Promise<string[]> {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/blobs/` }));
      return (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [object.Key])).sort();
    },
    close: () => client.destroy(),
  };
}
