import { expect, test } from "@playwright/test";
import { DAMAGED_MODEL, DAMAGED_URL, DAMAGED_VERSIONS, HEALTHY_URL, MODEL, OUTSIDE_SECRET } from "./e2e-env";
import { rawGet } from "./raw-get";

const FILES = `/api/models/${MODEL}/1/files`;

test.describe("file route", () => {
  test("serves registered files with their content type; immutable for numbers, no-store for aliases", async () => {
    const samples = await rawGet(HEALTHY_URL, `${FILES}/samples.png`);
    expect(samples.status).toBe(200);
    expect(samples.headers["content-type"]).toBe("image/png");
    expect(samples.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(samples.body.subarray(1, 4).toString("latin1")).toBe("PNG");

    const topology = await rawGet(HEALTHY_URL, `/api/models/${MODEL}/latest/files/model.json`);
    expect(topology.status).toBe(200);
    expect(topology.headers["content-type"]).toMatch(/^application\/json/);
    expect(topology.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(topology.body.toString("utf8"))).toHaveProperty("weightsManifest");
  });

  test("refuses to serve a file whose bytes no longer match the manifest's sha256", async () => {
    const response = await rawGet(
      DAMAGED_URL,
      `/api/models/${DAMAGED_MODEL}/${DAMAGED_VERSIONS.weightsAltered}/files/weights.bin`,
    );
    expect(response.status).toBe(500);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const { error } = JSON.parse(response.body.toString("utf8")) as { error: string };
    expect(error).toMatch(/does not match/);
    expect(error).not.toMatch(/republish/i);
  });

  const refused: Array<[string, string]> = [
    ["a '..' segment", `${FILES}/../manifest.json`],
    ["'..' up to the app", `${FILES}/../../../../../../package.json`],
    ["an encoded '..'", `${FILES}/%2e%2e/manifest.json`],
    ["an encoded '../'", `${FILES}/..%2fmanifest.json`],
    ["a double-encoded '../'", `${FILES}/%252e%252e%252fmanifest.json`],
    ["an encoded absolute path", `${FILES}/%2Fetc%2Fpasswd`],
    ["an absolute path after '//'", `${FILES}//etc/passwd`],
    ["a backslash path", `${FILES}/..%5cmanifest.json`],
    ["an unlisted file (the manifest itself)", `${FILES}/manifest.json`],
    ["an unlisted symlink leading out of the registry", `${FILES}/outside-link.txt`],
    [
      "a listed file replaced by a symlink out of the registry",
      `${DAMAGED_URL}/api/models/${DAMAGED_MODEL}/${DAMAGED_VERSIONS.symlinkOut}/files/samples.png`,
    ],
  ];

  for (const [what, target] of refused) {
    test(`refuses ${what} with 400 or 404`, async () => {
      const [base, rawPath] = target.startsWith("http")
        ? [new URL(target).origin, target.slice(new URL(target).origin.length)]
        : [HEALTHY_URL, target];
      const response = await rawGet(base, rawPath);
      expect([400, 404]).toContain(response.status);
      const body = response.body.toString("utf8");
      expect(body).not.toContain(OUTSIDE_SECRET);
      expect(body).not.toContain("schemaVersion");
      expect(body).not.toContain("root:");
      expect(body).not.toContain('"name": "@ganvas/viewer"');
    });
  }
});
