import { describe, expect, it } from "vitest";
import { RegistryError, openRegistry } from "../src/index";
import { s3LocationFromEnv } from "../src/s3-location";
import { freePort } from "../testing/local-servers";

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

describe("the database registry's settings", () => {
  it("reads GANVAS_S3, GANVAS_S3_ENDPOINT and the AWS variables", () => {
    expect(
      s3LocationFromEnv({
        GANVAS_S3: "s3://models/team/ganvas/",
        GANVAS_S3_ENDPOINT: "http://127.0.0.1:9000",
        AWS_ACCESS_KEY_ID: "key",
        AWS_SECRET_ACCESS_KEY: "secret",
      }),
    ).toEqual({
      bucket: "models",
      prefix: "team/ganvas/",
      endpoint: "http://127.0.0.1:9000",
      region: "us-east-1",
      credentials: { accessKeyId: "key", secretAccessKey: "secret", sessionToken: undefined },
    });
    expect(s3LocationFromEnv({ GANVAS_S3: "s3://models", AWS_REGION: "eu-west-1" })).toMatchObject({
      prefix: "",
      region: "eu-west-1",
      credentials: undefined,
    });
  });

  it("names the setting to fix, before connecting to anything", async () => {
    const url = "postgres://ganvas@127.0.0.1:1/ganvas";
    expect((await failure(openRegistry(url, {}))).message).toMatch(
      /^A PostgreSQL registry keeps its files in S3, but GANVAS_S3 is not set\. Set GANVAS_S3=s3:\/\//,
    );
    for (const GANVAS_S3 of ["models", "s3://Bad_Bucket/x", "s3://models/a/../b"]) {
      const error = await failure(openRegistry(url, { GANVAS_S3 }));
      expect(error.code).toBe("INVALID");
      expect(error.message).toContain(`GANVAS_S3=${JSON.stringify(GANVAS_S3)}`);
    }
    const endpoint = await failure(openRegistry(url, { GANVAS_S3: "s3://models", GANVAS_S3_ENDPOINT: "minio:9000" }));
    expect(endpoint.message).toContain('GANVAS_S3_ENDPOINT="minio:9000" is not http(s)://host:port');
  });

  it("says which server cannot be reached, without the password", async () => {
    const port = await freePort();
    const registry = await openRegistry(`postgres://ganvas:hunter2@127.0.0.1:${port}/ganvas`, {
      GANVAS_S3: "s3://models/x",
      GANVAS_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    });
    try {
      const error = await failure(registry.listModels());
      expect(error.code).toBe("UNAVAILABLE");
      expect(error.message).toContain(`postgres://ganvas@127.0.0.1:${port}/ganvas`);
      expect(error.message).toContain("ECONNREFUSED");
      expect(error.message).not.toContain("hunter2");
      expect((await failure(registry.publish({ name: "x", manifest: {} as never, files: [] }))).code).toBe("INVALID");
    } finally {
      await registry.close();
    }
  });
});
