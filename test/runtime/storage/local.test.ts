/**
 * The storage contract on the local files backend of the local instance,
 * its signed URLs served by a local HTTP server.
 */
import { startLocalStorageHarness } from "../../support/storage";
import { storageContract } from "./contract";

describe("storage on local files", () => {
  storageContract(startLocalStorageHarness);
});

import { signStorageUrl, verifyStorageUrl } from "../../../src/runtime/storage/signing";

describe("local signed URLs", () => {
  const now = Date.UTC(2026, 0, 1);
  const url = new URL(signStorageUrl("secret", "http://localhost:3000/_iac/storage", "GET", "a/b c.txt", 60, now));
  const requestUrl = url.pathname + url.search;

  test("a fresh URL verifies to its path", () => {
    expect(verifyStorageUrl("secret", "/_iac/storage", "GET", requestUrl, now + 59_000)).toEqual({ ok: true, path: "a/b c.txt" });
    expect(verifyStorageUrl("secret", "/_iac/storage", "HEAD", requestUrl, now)).toMatchObject({ ok: true });
  });

  test("expired, altered, wrong-method, wrong-secret and foreign URLs are refused", () => {
    expect(verifyStorageUrl("secret", "/_iac/storage", "GET", requestUrl, now + 61_000)).toMatchObject({ ok: false, reason: "URL expired" });
    expect(verifyStorageUrl("secret", "/_iac/storage", "GET", requestUrl.replace("b%20c", "b%20d"), now)).toMatchObject({ ok: false, reason: "bad signature" });
    expect(verifyStorageUrl("secret", "/_iac/storage", "PUT", requestUrl, now)).toMatchObject({ ok: false, status: 403 });
    expect(verifyStorageUrl("other", "/_iac/storage", "GET", requestUrl, now)).toMatchObject({ ok: false, reason: "bad signature" });
    expect(verifyStorageUrl("secret", "/_iac/storage", "GET", requestUrl.replace(/expires=\d+/, "expires=99999999999"), now)).toMatchObject({
      ok: false,
      reason: "bad signature",
    });
    expect(verifyStorageUrl("secret", "/_iac/storage", "GET", "/elsewhere/a", now)).toMatchObject({ ok: false, status: 404 });
  });
});
